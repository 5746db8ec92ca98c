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
 * there).
 *
 * compare: the comparison at a place the sift let through (fuzzy.compare), the up to twelve
 * substrings around it measured against the string by their OSA distance here instead of by
 * twelve slices and rapidfuzz calls from Python (~11 us a place, ~1,000 distinct places on
 * the benchmark's files, each once: its memo keeps the verdict). tests/analysis/
 * test_fuzzy_compare.py compares it with fuzzy.compare (rapidfuzz) on thousands of places. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "_fuzzy_sift.h"


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

/* The optimal string alignment distance (an adjacent swap counts one edit, rapidfuzz's OSA)
 * between pat and text[lo:hi] on code points, by rows; -1 on a memory error. */
static Py_ssize_t
osa(const Text *pat, const Text *t, Py_ssize_t lo, Py_ssize_t hi)
{
    Py_ssize_t m = pat->n, w = hi - lo;
    Py_ssize_t small[3 * 72];
    Py_ssize_t *rows = 3 * (w + 1) <= (Py_ssize_t)(sizeof small / sizeof *small)
        ? small : PyMem_Malloc(3 * (w + 1) * sizeof *rows);
    if (rows == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    /* rows over the substring's characters j, one row per character i of pat */
    Py_ssize_t *two = rows, *one = rows + (w + 1), *row = rows + 2 * (w + 1);
    for (Py_ssize_t j = 0; j <= w; j++) {
        one[j] = j;
    }
    for (Py_ssize_t i = 1; i <= m; i++) {
        Py_UCS4 a = PyUnicode_READ(pat->kind, pat->data, i - 1);
        row[0] = i;
        for (Py_ssize_t j = 1; j <= w; j++) {
            Py_UCS4 b = PyUnicode_READ(t->kind, t->data, lo + j - 1);
            Py_ssize_t best = one[j - 1] + (a != b);
            if (one[j] + 1 < best) {
                best = one[j] + 1;
            }
            if (row[j - 1] + 1 < best) {
                best = row[j - 1] + 1;
            }
            if (i > 1 && j > 1 && a == PyUnicode_READ(t->kind, t->data, lo + j - 2)
                    && PyUnicode_READ(pat->kind, pat->data, i - 2) == b && two[j - 2] + 1 < best) {
                best = two[j - 2] + 1;
            }
            row[j] = best;
        }
        Py_ssize_t *spare = two;
        two = one;
        one = row;
        row = spare;
    }
    Py_ssize_t distance = one[w];
    if (rows != small) {
        PyMem_Free(rows);
    }
    return distance;
}

PyDoc_STRVAR(compare_doc,
"compare(pat, source, s0, long_from) -> (exact span or None, spans)\n\n"
"fuzzy.compare: the substrings of source around s0 as long as pat give or take the cutoff,\n"
"compared with pat by their OSA distance.");

static PyObject *
compare(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *pat, *source;
    Py_ssize_t s0, long_from;
    if (!PyArg_ParseTuple(args, "UUnn:compare", &pat, &source, &s0, &long_from)) {
        return NULL;
    }
    Text p = {PyUnicode_KIND(pat), PyUnicode_DATA(pat), PyUnicode_GET_LENGTH(pat)};
    Text t = {PyUnicode_KIND(source), PyUnicode_DATA(source), PyUnicode_GET_LENGTH(source)};
    Py_ssize_t size = p.n;
    int is_long = size >= long_from;
    Py_ssize_t cutoff = is_long ? 2 : 1;
    Py_ssize_t lengths[4] = {size, size - 1, size + 1, size - 2};
    Py_ssize_t n_lengths = is_long ? 4 : 3;
    /* One comparison with the widest window first: most pieces found are in other text. */
    Py_ssize_t bound = 2 * cutoff + 2;
    Py_ssize_t lo = s0 - 1 > 0 ? s0 - 1 : 0, hi = clip(s0 + size + 1, t.n);
    Py_ssize_t wide = osa(&p, &t, lo, hi > lo ? hi : lo);
    if (wide < 0) {
        return NULL;
    }
    PyObject *spans = PyList_New(0);
    if (spans == NULL) {
        return NULL;
    }
    if (wide <= bound) {
        Py_ssize_t starts[3] = {s0, s0 - 1, s0 + 1};
        for (int a = 0; a < 3; a++) {
            for (Py_ssize_t k = 0; k < n_lengths; k++) {
                Py_ssize_t start = starts[a], end = start + lengths[k];
                if (start < 0 || end > t.n) {
                    continue;
                }
                Py_ssize_t distance = osa(&p, &t, start, end);
                if (distance < 0) {
                    Py_DECREF(spans);
                    return NULL;
                }
                if (distance == 0) {
                    Py_DECREF(spans);
                    return Py_BuildValue("(nn)[]", start, end);
                }
                if (distance <= cutoff && append_pair(spans, start, end) < 0) {
                    Py_DECREF(spans);
                    return NULL;
                }
            }
        }
    }
    PyObject *out = PyTuple_Pack(2, Py_None, spans);
    Py_DECREF(spans);
    return out;
}

static PyMethodDef methods[] = {
    {"sift", sift, METH_VARARGS, sift_doc},
    {"compare", compare, METH_VARARGS, compare_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_fuzzy_sift",
    "FuzzyMatcher.find's sift and comparison, in C (see gongwen.analysis.fuzzy).",
    0, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__fuzzy_sift(void)
{
    return PyModuleDef_Init(&definition);
}
