/* A plain text's paragraphs (gongwen.document.split_lines_into_units) for a text whose only
 * line break is \n (nearly every file): one pass finds the non-blank lines and whether a
 * blank line stands between two neighbours, the paragraph convention is chosen as the Python
 * path chooses it, and the units are built by the same slotted constructor. The Python path
 * (document._split) cut the text into a str per line, tested each, then sliced each unit
 * again: ~5,800 instructions a line of the benchmark's reports.
 *
 * document._split is the reference: tests/test_line_units.py compares the two over thousands
 * of generated texts. Optional: when this does not build, the Python path runs. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* Whether text[start:end] is empty or only whitespace (str.isspace's characters). */
static int
blank(int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    for (Py_ssize_t i = start; i < end; i++) {
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) {
            return 0;
        }
    }
    return 1;
}

PyDoc_STRVAR(paragraph_units_doc,
"paragraph_units(text, make_unit, kind) -> tuple\n\n"
"document._split(text) for a text without \\r: make_unit(start, end, text[start:end], kind, i)\n"
"for each paragraph (each non-blank line, or each run of them between blank lines when blank\n"
"lines separate at least one in seven of the lines and not every one).");

static PyObject *
paragraph_units(PyObject *self, PyObject *args)
{
    PyObject *text, *make_unit, *kind_name;
    if (!PyArg_ParseTuple(args, "UOU", &text, &make_unit, &kind_name)) {
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);

    /* The non-blank lines (start, end) and, before each after the first, whether the gap from
     * the line before holds more than its one \n (a blank line). At most n / 1 + 1 lines. */
    Py_ssize_t cap = 64, count = 0, gaps = 0;
    Py_ssize_t *spans = PyMem_Malloc(sizeof(Py_ssize_t) * 2 * cap);
    char *gap = PyMem_Malloc(cap);
    if (spans == NULL || gap == NULL) {
        PyMem_Free(spans);
        PyMem_Free(gap);
        return PyErr_NoMemory();
    }
    Py_ssize_t start = 0;
    while (start <= n) {
        Py_ssize_t end = start;
        while (end < n && PyUnicode_READ(kind, data, end) != '\n') {
            end++;
        }
        if (end > start && !blank(kind, data, start, end)) {
            if (count == cap) {
                cap *= 2;
                Py_ssize_t *more = PyMem_Realloc(spans, sizeof(Py_ssize_t) * 2 * cap);
                char *more_gap = more == NULL ? NULL : PyMem_Realloc(gap, cap);
                if (more != NULL) {
                    spans = more;
                }
                if (more_gap == NULL) {
                    PyMem_Free(spans);
                    PyMem_Free(gap);
                    return PyErr_NoMemory();
                }
                gap = more_gap;
            }
            spans[2 * count] = start;
            spans[2 * count + 1] = end;
            gap[count] = count > 0 && start - spans[2 * count - 1] > 1;
            gaps += gap[count];
            count++;
        }
        start = end + 1;
    }

    /* _split's choice: every line a paragraph unless blank lines separate at least one in
     * seven of them and not every one; then each run of lines between blank lines is one. */
    Py_ssize_t units = count;
    int by_blank_lines = count > 0 && !(gaps * 7 < count - 1 || gaps == count - 1);
    if (by_blank_lines) {
        Py_ssize_t k = 0;
        for (Py_ssize_t i = 0; i < count; i++) {
            if (i > 0 && gap[i]) {
                k++;
            }
            if (i == 0 || gap[i]) {
                spans[2 * k] = spans[2 * i];
            }
            spans[2 * k + 1] = spans[2 * i + 1];
        }
        units = count > 0 ? k + 1 : 0;
    }
    PyMem_Free(gap);

    PyObject *out = PyTuple_New(units);
    if (out == NULL) {
        PyMem_Free(spans);
        return NULL;
    }
    for (Py_ssize_t i = 0; i < units; i++) {
        Py_ssize_t a = spans[2 * i], b = spans[2 * i + 1];
        PyObject *call[5] = {PyLong_FromSsize_t(a), PyLong_FromSsize_t(b), PyUnicode_Substring(text, a, b),
                             kind_name, PyLong_FromSsize_t(i)};
        PyObject *unit = NULL;
        if (call[0] != NULL && call[1] != NULL && call[2] != NULL && call[4] != NULL) {
            unit = PyObject_Vectorcall(make_unit, call, 5, NULL);
        }
        Py_XDECREF(call[0]);
        Py_XDECREF(call[1]);
        Py_XDECREF(call[2]);
        Py_XDECREF(call[4]);
        if (unit == NULL) {
            PyMem_Free(spans);
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(out, i, unit);
    }
    PyMem_Free(spans);
    return out;
}

static PyMethodDef methods[] = {
    {"paragraph_units", paragraph_units, METH_VARARGS, paragraph_units_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_line_units",
    "A plain text's paragraphs in one pass, in C (see gongwen.document).",
    0, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__line_units(void)
{
    return PyModuleDef_Init(&definition);
}
