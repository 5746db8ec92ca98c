/* Where a route's match may start, found by one loop over a text's code points
 * (gongwen.analysis.class_routes).
 *
 * A route (gongwen.analysis.routing) is a short pattern searched in the whole text of every
 * document: a numeral before 年 or 月, 19xx or 20xx before a character other than 年. Such a
 * pattern is a few sequences of character classes of fixed length, and a match starts where one
 * of them matches. The stdlib `re` search reads 3-4 ns a character when its first class holds
 * common characters (digits, 一, 十): ~10-14 ms per route over the benchmark's 1,000 files.
 * Here every character of the Basic Multilingual Plane maps to a kind (one byte; characters
 * beyond it are kind 0), a kind to the mask of the classes that hold it (class i: bit i), and
 * the sequences are listed by the kinds their first class holds; `find` tries at each place only
 * the sequences its character may open.
 *
 * class_routes.plain_find is the reference: tests/analysis/test_class_routes.py compares the two
 * over thousands of texts, and each route's sequences with its `re` pattern. Optional: when this
 * does not build, routes are searched with `re`. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#define KINDS 256
#define BMP 65536
#define MAX_LENGTH 32

typedef struct {
    PyObject_HEAD
    uint8_t kind[BMP];
    uint64_t member[KINDS];
    Py_ssize_t count;       /* sequences */
    uint8_t *length;        /* per sequence */
    uint8_t *classes;       /* per sequence, MAX_LENGTH class numbers */
    Py_ssize_t first[KINDS + 1];  /* the sequences a kind opens: opening[first[k]:first[k + 1]] */
    Py_ssize_t *opening;
} Finder;

static void
finder_dealloc(Finder *self)
{
    PyMem_Free(self->length);
    PyMem_Free(self->classes);
    PyMem_Free(self->opening);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
read_members(Finder *self, PyObject *members)
{
    PyObject *seq = PySequence_Fast(members, "members must be a sequence");
    if (seq == NULL) {
        return -1;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    if (n > KINDS) {
        PyErr_Format(PyExc_ValueError, "members: at most %d kinds", KINDS);
        Py_DECREF(seq);
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned long long v = PyLong_AsUnsignedLongLong(PySequence_Fast_GET_ITEM(seq, i));
        if (v == (unsigned long long)-1 && PyErr_Occurred()) {
            Py_DECREF(seq);
            return -1;
        }
        self->member[i] = (uint64_t)v;
    }
    Py_DECREF(seq);
    return 0;
}

/* Each sequence is a bytes object of class numbers (0-63), 1 to MAX_LENGTH of them. */
static int
read_sequences(Finder *self, PyObject *sequences)
{
    PyObject *seq = PySequence_Fast(sequences, "sequences must be a sequence");
    if (seq == NULL) {
        return -1;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    self->count = n;
    self->length = PyMem_Calloc(n ? n : 1, 1);
    self->classes = PyMem_Calloc(n ? n : 1, MAX_LENGTH);
    self->opening = PyMem_Calloc(n ? n * KINDS : 1, sizeof(Py_ssize_t));
    if (self->length == NULL || self->classes == NULL || self->opening == NULL) {
        Py_DECREF(seq);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t s = 0; s < n; s++) {
        PyObject *item = PySequence_Fast_GET_ITEM(seq, s);
        if (!PyBytes_Check(item) || PyBytes_GET_SIZE(item) < 1 || PyBytes_GET_SIZE(item) > MAX_LENGTH) {
            PyErr_Format(PyExc_ValueError, "a sequence is 1 to %d class numbers (bytes)", MAX_LENGTH);
            Py_DECREF(seq);
            return -1;
        }
        const uint8_t *cls = (const uint8_t *)PyBytes_AS_STRING(item);
        for (Py_ssize_t i = 0; i < PyBytes_GET_SIZE(item); i++) {
            if (cls[i] > 63) {
                PyErr_SetString(PyExc_ValueError, "a class number is 0 to 63");
                Py_DECREF(seq);
                return -1;
            }
            self->classes[s * MAX_LENGTH + i] = cls[i];
        }
        self->length[s] = (uint8_t)PyBytes_GET_SIZE(item);
    }
    Py_DECREF(seq);
    /* the sequences each kind opens, in the order given */
    Py_ssize_t at = 0;
    for (int k = 0; k < KINDS; k++) {
        self->first[k] = at;
        for (Py_ssize_t s = 0; s < n; s++) {
            if (self->member[k] >> self->classes[s * MAX_LENGTH] & 1) {
                self->opening[at++] = s;
            }
        }
    }
    self->first[KINDS] = at;
    return 0;
}

static PyObject *
finder_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    Py_buffer kinds;
    PyObject *members, *sequences;
    static char *names[] = {"kinds", "members", "sequences", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "y*OO", names, &kinds, &members, &sequences)) {
        return NULL;
    }
    if (kinds.len != BMP) {
        PyBuffer_Release(&kinds);
        PyErr_SetString(PyExc_ValueError, "kinds must be 65536 bytes, one per BMP code point");
        return NULL;
    }
    Finder *self = (Finder *)type->tp_alloc(type, 0);
    if (self == NULL) {
        PyBuffer_Release(&kinds);
        return NULL;
    }
    memcpy(self->kind, kinds.buf, BMP);
    PyBuffer_Release(&kinds);
    if (read_members(self, members) < 0 || read_sequences(self, sequences) < 0) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

#define DIRECT(c) (self->kind[(c)])
#define WIDE(c) ((c) < BMP ? self->kind[(c)] : 0u)

/* The first place p in [pos, end) where a sequence matches text[p:p + length] (every character
 * inside end), or -1. */
#define FIND(TYPE, KIND_OF)                                                            \
    do {                                                                             \
        const TYPE *t = (const TYPE *)data;                                          \
        for (Py_ssize_t p = pos; p < end; p++) {                                     \
            unsigned k = KIND_OF(t[p]);                                              \
            for (Py_ssize_t j = self->first[k]; j < self->first[k + 1]; j++) {       \
                Py_ssize_t s = self->opening[j];                                     \
                Py_ssize_t len = self->length[s];                                    \
                if (p + len > end) {                                                 \
                    continue;                                                        \
                }                                                                    \
                const uint8_t *cls = self->classes + s * MAX_LENGTH;                 \
                Py_ssize_t i = 1;                                                    \
                while (i < len && (self->member[KIND_OF(t[p + i])] >> cls[i] & 1)) { \
                    i++;                                                             \
                }                                                                    \
                if (i == len) {                                                      \
                    return PyLong_FromSsize_t(p);                                    \
                }                                                                    \
            }                                                                        \
        }                                                                            \
    } while (0)

static PyObject *
finder_find(Finder *self, PyObject *args)
{
    PyObject *text;
    Py_ssize_t pos = 0, end = PY_SSIZE_T_MAX;
    if (!PyArg_ParseTuple(args, "U|nn", &text, &pos, &end)) {
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    /* as re reads pos and endpos: clamped to the text */
    if (pos < 0) {
        pos = 0;
    }
    if (end > n) {
        end = n;
    }
    const void *data = PyUnicode_DATA(text);
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        FIND(Py_UCS1, DIRECT);
        break;
    case PyUnicode_2BYTE_KIND:
        FIND(Py_UCS2, DIRECT);
        break;
    default:
        FIND(Py_UCS4, WIDE);
        break;
    }
    return PyLong_FromSsize_t(-1);
}

static PyMethodDef finder_methods[] = {
    {"find", (PyCFunction)finder_find, METH_VARARGS,
     "find(text, pos=0, endpos=sys.maxsize): the first place in [pos, endpos) where a sequence "
     "matches, every character before endpos; -1 if none."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject FinderType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "gongwen.analysis._class_routes.Finder",
    .tp_basicsize = sizeof(Finder),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Finder(kinds, members, sequences): kinds is 65536 bytes (a kind per BMP code point), "
              "members a 64-bit class mask per kind, sequences bytes of class numbers.",
    .tp_new = finder_new,
    .tp_dealloc = (destructor)finder_dealloc,
    .tp_methods = finder_methods,
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_class_routes",
    "Where a route's match may start, in one loop (see gongwen.analysis.class_routes).",
    -1, NULL, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__class_routes(void)
{
    if (PyType_Ready(&FinderType) < 0) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&definition);
    if (module == NULL) {
        return NULL;
    }
    Py_INCREF(&FinderType);
    if (PyModule_AddObject(module, "Finder", (PyObject *)&FinderType) < 0) {
        Py_DECREF(&FinderType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
