/* The sift of one automaton hit (gongwen.analysis.fuzzy.sift's loop body), shared by
 * _fuzzy_sift.c (a list of hits) and _literal_scan.c (the shared pass, which sifts a fuzzy
 * matcher's hits as it finds them instead of handing them to Python). Included, not linked:
 * each extension is built alone and optional. The includer includes Python.h first. */
#ifndef GONGWEN_FUZZY_SIFT_H
#define GONGWEN_FUZZY_SIFT_H

#define NUMBERED '#' /* fuzzy.ANY_NUMERAL: such strings are compared with numerals translated */
#define TAKEN ((Py_UCS4)-1) /* beyond every code point: a window character already matched */

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n;
} Text;

static Py_ssize_t
clip(Py_ssize_t at, Py_ssize_t n)
{
    /* a slice bound as Python reads it: negative from the end, then within [0, n] */
    if (at < 0) {
        at += n;
        if (at < 0) {
            at = 0;
        }
    }
    return at > n ? n : at;
}

/* text.startswith(pat, s0) */
static int
starts_with(const Text *t, PyObject *pat, Py_ssize_t s0)
{
    Py_ssize_t size = PyUnicode_GET_LENGTH(pat);
    Py_ssize_t start = clip(s0, t->n);
    if (start + size > t->n) {
        return 0;
    }
    int kind = PyUnicode_KIND(pat);
    const void *data = PyUnicode_DATA(pat);
    for (Py_ssize_t j = 0; j < size; j++) {
        if (PyUnicode_READ(t->kind, t->data, start + j) != PyUnicode_READ(kind, data, j)) {
            return 0;
        }
    }
    return 1;
}

/* ch in text[lo:hi], the bounds as Python slices them (lo is never negative here) */
static int
holds(const Text *t, Py_UCS4 ch, Py_ssize_t lo, Py_ssize_t hi)
{
    lo = clip(lo, t->n);
    hi = clip(hi, t->n);
    for (Py_ssize_t k = lo; k < hi; k++) {
        if (PyUnicode_READ(t->kind, t->data, k) == ch) {
            return 1;
        }
    }
    return 0;
}

/* fuzzy.within_reach: whether at most `cutoff` of pat's characters are missing from
 * text[max(0, s0 - 1):min(n, s0 + len(pat) + 2)], read with `numerals` as '#' when pat holds
 * one. -1 on a memory error. */
static int
within_reach(const Text *t, PyObject *pat, Py_ssize_t s0, Py_ssize_t long_from, PyObject *numerals)
{
    Py_ssize_t size = PyUnicode_GET_LENGTH(pat);
    int kind = PyUnicode_KIND(pat);
    const void *data = PyUnicode_DATA(pat);
    int numbered = PyUnicode_FindChar(pat, NUMBERED, 0, size, 1) >= 0;
    Py_ssize_t cutoff = size >= long_from ? 2 : 1;
    Py_ssize_t lo = s0 - 1 > 0 ? s0 - 1 : 0;
    Py_ssize_t hi = s0 + size + 2 < t->n ? s0 + size + 2 : t->n;
    if (hi <= lo) {
        return 0;
    }
    /* The window as the comparison reads it, a character taken once matched (TAKEN). */
    Py_ssize_t width = hi - lo;
    Py_UCS4 small[64];
    Py_UCS4 *window = width <= (Py_ssize_t)(sizeof small / sizeof *small) ? small : PyMem_Malloc(width * sizeof *window);
    if (window == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t n_numerals = PyUnicode_GET_LENGTH(numerals);
    for (Py_ssize_t k = 0; k < width; k++) {
        Py_UCS4 c = PyUnicode_READ(t->kind, t->data, lo + k);
        window[k] = numbered && PyUnicode_FindChar(numerals, c, 0, n_numerals, 1) >= 0 ? NUMBERED : c;
    }
    Py_ssize_t missing = 0;
    /* Matching each character of pat to the first unused equal one of the window counts the
     * multiset intersection exactly: equal characters are interchangeable. */
    for (Py_ssize_t j = 0; j < size && missing <= cutoff; j++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, j);
        Py_ssize_t k = 0;
        while (k < width && window[k] != ch) {
            k++;
        }
        if (k < width) {
            window[k] = TAKEN;
        }
        else {
            missing++;
        }
    }
    if (window != small) {
        PyMem_Free(window);
    }
    return missing <= cutoff;
}

static int
append_pair(PyObject *list, Py_ssize_t a, Py_ssize_t b)
{
    PyObject *pair = Py_BuildValue("(nn)", a, b);
    if (pair == NULL) {
        return -1;
    }
    int failed = PyList_Append(list, pair);
    Py_DECREF(pair);
    return failed;
}

static Py_ssize_t
item_index(PyObject *tuple, Py_ssize_t at)
{
    return PyLong_AsSsize_t(PyTuple_GET_ITEM(tuple, at));
}

/* One site of a piece: its (p_index, offset, pat, checks), tested at the hit's place. */
static int
sift_site(const Text *t, PyObject *site, Py_ssize_t i, Py_ssize_t long_from, PyObject *numerals, PyObject *exact,
          PyObject *tries)
{
    if (!PyTuple_Check(site) || PyTuple_GET_SIZE(site) != 4 || !PyUnicode_Check(PyTuple_GET_ITEM(site, 2))
            || !PyTuple_Check(PyTuple_GET_ITEM(site, 3))) {
        PyErr_SetString(PyExc_TypeError, "a site must be (p_index, offset, pat, checks)");
        return -1;
    }
    Py_ssize_t p_index = item_index(site, 0), offset = item_index(site, 1);
    if ((p_index == -1 || offset == -1) && PyErr_Occurred()) {
        return -1;
    }
    PyObject *pat = PyTuple_GET_ITEM(site, 2), *checks = PyTuple_GET_ITEM(site, 3);
    Py_ssize_t s0 = i - offset;
    if (starts_with(t, pat, s0)) {
        return append_pair(exact, s0, s0 + PyUnicode_GET_LENGTH(pat));
    }
    Py_ssize_t n_checks = PyTuple_GET_SIZE(checks);
    if (n_checks) {
        int near = 0;
        for (Py_ssize_t c = 0; c < n_checks && !near; c++) {
            PyObject *check = PyTuple_GET_ITEM(checks, c);
            if (!PyTuple_Check(check) || PyTuple_GET_SIZE(check) != 2 || !PyUnicode_Check(PyTuple_GET_ITEM(check, 1))
                    || PyUnicode_GET_LENGTH(PyTuple_GET_ITEM(check, 1)) != 1) {
                PyErr_SetString(PyExc_TypeError, "a check must be (place, one character)");
                return -1;
            }
            Py_ssize_t r = item_index(check, 0);
            if (r == -1 && PyErr_Occurred()) {
                return -1;
            }
            Py_ssize_t lo = s0 + r - 2;
            near = holds(t, PyUnicode_READ_CHAR(PyTuple_GET_ITEM(check, 1), 0), lo > 0 ? lo : 0, s0 + r + 3);
        }
        if (!near) {
            return 0; /* most pieces are found in other text */
        }
    }
    int reach = within_reach(t, pat, s0, long_from, numerals);
    if (reach <= 0) {
        return reach;
    }
    return append_pair(tries, p_index, s0);
}

#endif
