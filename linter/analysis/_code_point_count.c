/* How many characters of a str belong to a fixed set of code points, in one loop over the
 * text (gongwen.analysis.code_point_count).
 *
 * TYP010 asks how many simplified-only characters (3,804 of them, 1,140 beyond the BMP) a
 * document holds before it reports traditional ones. `str.translate` deleting them from a
 * prefix did it with a dict look-up a character (~400 instructions): 33 M instructions on the
 * 12 of the speed benchmark's first 400 files that hold a traditional character. Here the set
 * is a bitmap over code points up to its largest member (a bit test a character).
 *
 * code_point_count.plain_count is the reference: tests/analysis/test_code_point_count.py
 * compares the two over thousands of texts of each str kind. Optional: when this does not
 * build, the count is `str.translate`'s. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    PyObject_HEAD
    Py_UCS4 limit;   /* one past the largest member: no code point from here on is one */
    uint8_t *bits;   /* bit c of the map: c is a member */
} CodePointSet;

static void
set_dealloc(CodePointSet *self)
{
    PyMem_Free(self->bits);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
set_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    PyObject *members;
    static char *names[] = {"members", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:CodePointSet", names, &members)) {
        return NULL;
    }
    PyObject *seq = PySequence_Fast(members, "members must be a sequence of code points");
    if (seq == NULL) {
        return NULL;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject **items = PySequence_Fast_ITEMS(seq);
    Py_UCS4 limit = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        long c = PyLong_AsLong(items[i]);
        if (c == -1 && PyErr_Occurred()) {
            Py_DECREF(seq);
            return NULL;
        }
        if (c < 0 || c > 0x10FFFF) {
            Py_DECREF(seq);
            PyErr_SetString(PyExc_ValueError, "a code point lies in 0..0x10FFFF");
            return NULL;
        }
        if ((Py_UCS4)c + 1 > limit) {
            limit = (Py_UCS4)c + 1;
        }
    }
    CodePointSet *self = (CodePointSet *)type->tp_alloc(type, 0);
    if (self == NULL) {
        Py_DECREF(seq);
        return NULL;
    }
    self->limit = limit;
    self->bits = PyMem_Calloc(limit / 8 + 1, 1);
    if (self->bits == NULL) {
        Py_DECREF(seq);
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = (Py_UCS4)PyLong_AsLong(items[i]);
        self->bits[c >> 3] |= (uint8_t)(1u << (c & 7));
    }
    Py_DECREF(seq);
    return (PyObject *)self;
}

#define COUNT_LOOP(TYPE)                                                  \
    do {                                                                  \
        const TYPE *t = (const TYPE *)data;                               \
        for (Py_ssize_t i = 0; i < end; i++) {                            \
            Py_UCS4 c = t[i];                                             \
            if (c < limit) {                                              \
                found += (bits[c >> 3] >> (c & 7)) & 1;                   \
            }                                                             \
        }                                                                 \
    } while (0)

PyDoc_STRVAR(count_doc,
"count(text, end=len(text)) -> how many characters of text[:end] are members.");

static PyObject *
set_count(CodePointSet *self, PyObject *args)
{
    PyObject *text;
    Py_ssize_t end = PY_SSIZE_T_MAX;
    if (!PyArg_ParseTuple(args, "U|n:count", &text, &end)) {
        return NULL;
    }
    Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    if (end > size) {
        end = size;
    }
    if (end < 0) {
        end = 0;
    }
    const void *data = PyUnicode_DATA(text);
    const Py_UCS4 limit = self->limit;
    const uint8_t *bits = self->bits;
    Py_ssize_t found = 0;
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        COUNT_LOOP(Py_UCS1);
        break;
    case PyUnicode_2BYTE_KIND:
        COUNT_LOOP(Py_UCS2);
        break;
    default:
        COUNT_LOOP(Py_UCS4);
        break;
    }
    return PyLong_FromSsize_t(found);
}

static PyMethodDef set_methods[] = {
    {"count", (PyCFunction)set_count, METH_VARARGS, count_doc},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject CodePointSetType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "gongwen.analysis._code_point_count.CodePointSet",
    .tp_basicsize = sizeof(CodePointSet),
    .tp_dealloc = (destructor)set_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "CodePointSet(members): a set of code points (ints) whose members a text holds are counted.",
    .tp_methods = set_methods,
    .tp_new = set_new,
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_code_point_count",
    "How many characters of a str belong to a set of code points, in C (see gongwen.analysis.code_point_count).",
    -1, NULL, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__code_point_count(void)
{
    if (PyType_Ready(&CodePointSetType) < 0) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&definition);
    if (module == NULL) {
        return NULL;
    }
    Py_INCREF(&CodePointSetType);
    if (PyModule_AddObject(module, "CodePointSet", (PyObject *)&CodePointSetType) < 0) {
        Py_DECREF(&CodePointSetType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
