/* One group of the segmentation dictionary's line parsed in one pass
 * (gongwen.analysis.segmentation._Frequencies.pair_words): the words that begin with one pair
 * of characters, with their counts, and the length of the longest.
 *
 * A line of ``segmentation_dict.txt`` holds the groups of one first character, tab-separated
 * in the order of its second characters; a common character's line is 20-50 KB. Python found
 * a group by splitting the whole line at its first use (thousands of bytes objects) or by
 * searching the line for the pair (a scan of half of it), then decoded, split and converted
 * it in five passes: the cold segmentation's largest cost. Here the group is reached by
 * hopping over the tabs before it and parsed once.
 *
 * The Python path (_Frequencies._python_group_words) is the reference and what runs where this
 * is not built: tests/analysis/test_word_groups.py compares the two on every group of the
 * shipped dictionary and on generated lines. Both expect the builder's well-formed lines:
 * ``<word> <count>`` pairs parted by single spaces, at least one a group. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

/* int(token) for a count: ASCII digits directly, anything else as int() reads a str. */
static PyObject *
count_of(const char *s, Py_ssize_t len)
{
    if (len > 0 && len <= 18) {
        long long value = 0;
        Py_ssize_t i = 0;
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
            value = value * 10 + (s[i] - '0');
        }
        if (i == len) {
            return PyLong_FromLongLong(value);
        }
    }
    PyObject *text = PyUnicode_DecodeUTF8(s, len, "strict");
    if (text == NULL) {
        return NULL;
    }
    PyObject *value = PyLong_FromUnicodeObject(text, 10);
    Py_DECREF(text);
    return value;
}

PyDoc_STRVAR(parse_doc,
"parse(line, body, at) -> (counts, longest)\n\n"
"The ``at``-th tab-separated group of ``line`` from byte ``body`` on, ``<word> <count> ...``,\n"
"as a dict of words (str) to counts (int), and the length of the longest word.");

static PyObject *
parse(PyObject *self, PyObject *args)
{
    const char *line;
    Py_ssize_t len, body, at;
    if (!PyArg_ParseTuple(args, "y#nn", &line, &len, &body, &at)) {
        return NULL;
    }
    if (body < 0 || body > len || at < 0) {
        PyErr_SetString(PyExc_ValueError, "body or at out of range");
        return NULL;
    }
    const char *p = line + body, *end = line + len;
    for (Py_ssize_t i = 0; i < at; i++) {
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        if (tab == NULL) {
            PyErr_SetString(PyExc_IndexError, "the line has fewer groups");
            return NULL;
        }
        p = tab + 1;
    }
    const char *stop = memchr(p, '\t', (size_t)(end - p));
    if (stop == NULL) {
        stop = end;
    }
    PyObject *counts = PyDict_New();
    if (counts == NULL) {
        return NULL;
    }
    Py_ssize_t longest = 0;
    for (;;) {
        const char *space = memchr(p, ' ', (size_t)(stop - p));
        if (space == NULL) {
            break; /* a word without a count (none in the builder's lines): zip drops it */
        }
        const char *count_at = space + 1;
        const char *next = memchr(count_at, ' ', (size_t)(stop - count_at));
        const char *count_end = next != NULL ? next : stop;
        PyObject *word = PyUnicode_DecodeUTF8(p, space - p, "strict");
        if (word == NULL) {
            goto fail;
        }
        PyObject *count = count_of(count_at, count_end - count_at);
        if (count == NULL || PyDict_SetItem(counts, word, count) < 0) {
            Py_DECREF(word);
            Py_XDECREF(count);
            goto fail;
        }
        if (PyUnicode_GET_LENGTH(word) > longest) {
            longest = PyUnicode_GET_LENGTH(word);
        }
        Py_DECREF(word);
        Py_DECREF(count);
        if (next == NULL) {
            break;
        }
        p = next + 1;
    }
    if (PyDict_GET_SIZE(counts) == 0) {
        PyErr_SetString(PyExc_ValueError, "an empty group");
        goto fail;
    }
    return Py_BuildValue("(Nn)", counts, longest);
fail:
    Py_DECREF(counts);
    return NULL;
}

static PyMethodDef methods[] = {
    {"parse", parse, METH_VARARGS, parse_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_word_groups",
    "One group of the segmentation dictionary parsed in C (see segmentation._Frequencies).",
    0, methods, NULL,
};

PyMODINIT_FUNC
PyInit__word_groups(void)
{
    return PyModuleDef_Init(&definition);
}
