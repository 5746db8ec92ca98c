/* Whether a paragraph's paired marks nest by order alone (gongwen.analysis.pairs.nests), in one
 * pass over its code points. PUN003 asks it of every paragraph (22,971 in the benchmark's 1,000
 * files): the Python path finds the marks with a stdlib `re` findall and walks them with a list
 * as the stack, ~0.7 µs a paragraph, most of it the findall's list and the per-mark dict look-ups.
 *
 * Every character of the Basic Multilingual Plane maps to a byte (set once by set_marks): 0 for
 * no mark, k (1..127) for the opener of kind k, 0x80 | k for its closer, 0xFF for a paired mark
 * whose pairing needs more than order (an apostrophe, a mark a protected span can hold): the
 * answer is then no. Characters beyond the BMP are never marks. The stack holds kinds, one byte
 * each, on the C stack while shallow and on the heap beyond.
 *
 * pairs.plain_nests is the reference: tests/analysis/test_nesting_compiled.py compares the two
 * over thousands of texts. Optional: when this does not build, the Python path runs. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define BMP 65536
#define OTHER 0xFF
#define CLOSER 0x80
#define SHALLOW 256 /* stack entries kept on the C stack; a deeper paragraph allocates */

static uint8_t mark[BMP];
static uint8_t pending[BMP]; /* set_marks builds here: a refused call leaves `mark` as it was */
static int marks_set;

static int
read_bmp(PyObject *text, Py_ssize_t i, Py_UCS4 *out)
{
    Py_UCS4 c = PyUnicode_READ_CHAR(text, i);
    if (c >= BMP) {
        PyErr_SetString(PyExc_ValueError, "marks must lie in the Basic Multilingual Plane");
        return -1;
    }
    *out = c;
    return 0;
}

static PyObject *
set_marks(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *openers, *closers, *others;
    if (!PyArg_ParseTuple(args, "UUU:set_marks", &openers, &closers, &others)) {
        return NULL;
    }
    Py_ssize_t kinds = PyUnicode_GET_LENGTH(openers);
    if (kinds != PyUnicode_GET_LENGTH(closers) || kinds >= CLOSER) {
        PyErr_SetString(PyExc_ValueError, "one closer per opener, at most 127 kinds");
        return NULL;
    }
    uint8_t *table = pending;
    memset(table, 0, BMP);
    for (Py_ssize_t k = 0; k < kinds; k++) {
        Py_UCS4 a, b;
        if (read_bmp(openers, k, &a) < 0 || read_bmp(closers, k, &b) < 0) {
            return NULL;
        }
        if (table[a] || table[b] || a == b) {
            PyErr_SetString(PyExc_ValueError, "each mark once");
            return NULL;
        }
        table[a] = (uint8_t)(k + 1);
        table[b] = (uint8_t)(CLOSER | (k + 1));
    }
    for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(others); i++) {
        Py_UCS4 c;
        if (read_bmp(others, i, &c) < 0) {
            return NULL;
        }
        if (table[c]) {
            PyErr_SetString(PyExc_ValueError, "each mark once");
            return NULL;
        }
        table[c] = OTHER;
    }
    memcpy(mark, table, BMP);
    marks_set = 1;
    Py_RETURN_NONE;
}

PyDoc_STRVAR(nests_doc,
"nests(text) -> bool\n\n"
"Whether every paired mark of text is an opener or closer given to set_marks and each closer\n"
"closes the latest open mark, with none left open (True for a text without marks).");

static PyObject *
nests(PyObject *Py_UNUSED(module), PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "nests takes a str");
        return NULL;
    }
    if (!marks_set) {
        PyErr_SetString(PyExc_RuntimeError, "set_marks first");
        return NULL;
    }
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    uint8_t shallow[SHALLOW];
    uint8_t *stack = shallow;
    Py_ssize_t depth = 0, room = SHALLOW;
    int answer = 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        uint8_t m = c < BMP ? mark[c] : 0;
        if (m == 0) {
            continue;
        }
        if (m == OTHER) {
            answer = 0;
            break;
        }
        if (m & CLOSER) {
            if (depth == 0 || stack[--depth] != (m & ~CLOSER)) {
                answer = 0;
                break;
            }
            continue;
        }
        if (depth == room) {
            /* Deeper than any paragraph of prose: at most one entry per character. */
            Py_ssize_t grown = room * 2 < n ? room * 2 : n;
            uint8_t *bigger = PyMem_Malloc(grown);
            if (bigger == NULL) {
                if (stack != shallow) {
                    PyMem_Free(stack);
                }
                return PyErr_NoMemory();
            }
            memcpy(bigger, stack, depth);
            if (stack != shallow) {
                PyMem_Free(stack);
            }
            stack = bigger;
            room = grown;
        }
        stack[depth++] = m;
    }
    if (stack != shallow) {
        PyMem_Free(stack);
    }
    return PyBool_FromLong(answer && depth == 0);
}

static PyMethodDef methods[] = {
    {"set_marks", set_marks, METH_VARARGS,
     "set_marks(openers, closers, others): openers[k] is closed by closers[k]; others end the answer."},
    {"nests", nests, METH_O, nests_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_nesting",
    "Whether a paragraph's paired marks nest by order alone, in C (see gongwen.analysis.pairs).",
    0, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__nesting(void)
{
    return PyModuleDef_Init(&definition);
}
