/* FuzzyMatcher.find's sift (gongwen.analysis.fuzzy.sift) as one C loop over the automaton's
 * hits: which hits are a protected string as written or a correct string (exact), and at which
 * places a string is worth comparing (tries). On the benchmark's 1,000 files the Python loop's
 * cost is its bytecode over 35,000 hits (~0.4 us each), not the tests it asks.
 *
 * Beyond the Python loop's tests, a place is tried only if at most `cutoff` characters of the
 * string (as a multiset) are missing from the text the comparison reads there: each edit that
 * OSA counts takes at most one of the string's characters away, so a place failing this test
 * has no candidate within the cutoff (fuzzy.within_reach states the proof; the Python sift
 * asks it when told to, as the reference). Most tried places are a half of a string in other
 * text, and their window's memo look-up was most of what remained.
 *
 * tests/analysis/test_fuzzy_sift.py compares this with the Python sift over thousands of
 * texts, and find through it with find through the plain Python loop. Optional: when this does
 * not build, the Python loop runs (without the multiset test, which costs more than it saves
 * there). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

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

PyDoc_STRVAR(sift_doc,
"sift(text, matches, sites, keys, long_from, numerals) -> (exact, tries)\n\n"
"fuzzy.sift with the multiset test: the (start, end) of exact strings and the (p_index, s0)\n"
"places worth comparing, in the order of the hits.");

static PyObject *
sift(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *text, *matches, *sites, *keys, *numerals;
    Py_ssize_t long_from;
    if (!PyArg_ParseTuple(args, "UOO!O!nU:sift", &text, &matches, &PyList_Type, &sites, &PyList_Type, &keys,
                          &long_from, &numerals)) {
        return NULL;
    }
    PyObject *seq = PySequence_Fast(matches, "matches must be a sequence of (key, start, end)");
    if (seq == NULL) {
        return NULL;
    }
    Text t = {PyUnicode_KIND(text), PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text)};
    PyObject *exact = PyList_New(0), *tries = PyList_New(0);
    if (exact == NULL || tries == NULL) {
        goto error;
    }
    Py_ssize_t n_sites = PyList_GET_SIZE(sites), n_keys = PyList_GET_SIZE(keys);
    Py_ssize_t count = PySequence_Fast_GET_SIZE(seq);
    for (Py_ssize_t h = 0; h < count; h++) {
        PyObject *hit = PySequence_Fast_GET_ITEM(seq, h);
        if (!PyTuple_Check(hit) || PyTuple_GET_SIZE(hit) != 3) {
            PyErr_SetString(PyExc_TypeError, "a match must be (key, start, end)");
            goto error;
        }
        Py_ssize_t key = item_index(hit, 0), i = item_index(hit, 1);
        if ((key == -1 || i == -1) && PyErr_Occurred()) {
            goto error;
        }
        if (key < 0 || key >= n_keys) {
            PyErr_SetString(PyExc_IndexError, "a match's key is not one of the keys");
            goto error;
        }
        if (key >= n_sites) { /* a correct string */
            PyObject *shield = PyList_GET_ITEM(keys, key);
            if (!PyUnicode_Check(shield)) {
                PyErr_SetString(PyExc_TypeError, "keys must be str");
                goto error;
            }
            if (append_pair(exact, i, i + PyUnicode_GET_LENGTH(shield)) < 0) {
                goto error;
            }
            continue;
        }
        PyObject *at = PyList_GET_ITEM(sites, key);
        if (!PyList_Check(at)) {
            PyErr_SetString(PyExc_TypeError, "sites must be lists");
            goto error;
        }
        /* sift_site never runs Python code, so the list cannot change under the loop */
        for (Py_ssize_t s = 0; s < PyList_GET_SIZE(at); s++) {
            if (sift_site(&t, PyList_GET_ITEM(at, s), i, long_from, numerals, exact, tries) < 0) {
                goto error;
            }
        }
    }
    Py_DECREF(seq);
    PyObject *out = PyTuple_Pack(2, exact, tries);
    Py_DECREF(exact);
    Py_DECREF(tries);
    return out;
error:
    Py_DECREF(seq);
    Py_XDECREF(exact);
    Py_XDECREF(tries);
    return NULL;
}

static PyMethodDef methods[] = {
    {"sift", sift, METH_VARARGS, sift_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_fuzzy_sift",
    "FuzzyMatcher.find's sift, in C (see gongwen.analysis.fuzzy).",
    0, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__fuzzy_sift(void)
{
    return PyModuleDef_Init(&definition);
}
