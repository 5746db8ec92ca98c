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
