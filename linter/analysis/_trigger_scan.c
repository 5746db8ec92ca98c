/* Which trigger classes a text unit holds, in one pass over its code points (gongwen.triggers).
 *
 * A class is either a set of characters (the unit holds one) or a pair of sets (a character of
 * the first right before one of the second: 。 before ”, a digit before 百). Every character of
 * the Basic Multilingual Plane maps to a kind (one byte; kind 0 is every character no class
 * names); a kind carries three masks of class bits: the classes it is a member of, those it may
 * open as a pair's first and those it may close as a pair's second. The pass is
 *     found |= alone[k] | (opened & closes[k]); opened = opens[k];
 * so the stdlib `re` scan of a character class, the set and the reduce that mapped the found
 * characters to rules, and a class-led search per pair (~9 ms each over the benchmark) become
 * one loop. Characters beyond the BMP are kind 0 (the Python side builds no scanner when a
 * class names one).
 *
 * triggers.TriggerIndex's plain path (the `re` scan and a search per pair) is the reference:
 * tests/test_trigger_scan.py compares the two over thousands of texts. Optional: when this does
 * not build, the plain path runs. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

#define KINDS 256
#define BMP 65536

typedef struct {
    PyObject_HEAD
    uint8_t kind[BMP];
    uint64_t alone[KINDS], opens[KINDS], closes[KINDS];
} Scanner;

static int
read_masks(PyObject *seq_obj, uint64_t *out, const char *what)
{
    PyObject *seq = PySequence_Fast(seq_obj, what);
    if (seq == NULL) {
        return -1;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    if (n > KINDS) {
        PyErr_Format(PyExc_ValueError, "%s: at most %d kinds", what, KINDS);
        Py_DECREF(seq);
        return -1;
    }
    for (Py_ssize_t i = 0; i < KINDS; i++) {
        out[i] = 0;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        unsigned long long v = PyLong_AsUnsignedLongLong(PySequence_Fast_GET_ITEM(seq, i));
        if (v == (unsigned long long)-1 && PyErr_Occurred()) {
            Py_DECREF(seq);
            return -1;
        }
        out[i] = (uint64_t)v;
    }
    Py_DECREF(seq);
    return 0;
}

static PyObject *
scanner_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    Py_buffer kinds;
    PyObject *alone, *opens, *closes;
    static char *names[] = {"kinds", "alone", "opens", "closes", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "y*OOO", names, &kinds, &alone, &opens, &closes)) {
        return NULL;
    }
    if (kinds.len != BMP) {
        PyBuffer_Release(&kinds);
        PyErr_SetString(PyExc_ValueError, "kinds must be 65536 bytes, one per BMP code point");
        return NULL;
    }
    Scanner *self = (Scanner *)type->tp_alloc(type, 0);
    if (self == NULL) {
        PyBuffer_Release(&kinds);
        return NULL;
    }
    memcpy(self->kind, kinds.buf, BMP);
    PyBuffer_Release(&kinds);
    if (read_masks(alone, self->alone, "alone") < 0 || read_masks(opens, self->opens, "opens") < 0
            || read_masks(closes, self->closes, "closes") < 0) {
        Py_DECREF(self);
        return NULL;
    }
    return (PyObject *)self;
}

#define SCAN(TYPE, KIND_OF)                                         \
    do {                                                            \
        const TYPE *p = (const TYPE *)data;                         \
        for (Py_ssize_t i = 0; i < n; i++) {                        \
            unsigned k = KIND_OF(p[i]);                             \
            found |= self->alone[k] | (opened & self->closes[k]);   \
            opened = self->opens[k];                                \
        }                                                           \
    } while (0)

#define DIRECT(c) (self->kind[(c)])
#define WIDE(c) ((c) < BMP ? self->kind[(c)] : 0u)

static PyObject *
scanner_classes(Scanner *self, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "classes() takes a str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const void *data = PyUnicode_DATA(text);
    uint64_t found = 0, opened = 0;
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        SCAN(Py_UCS1, DIRECT);
        break;
    case PyUnicode_2BYTE_KIND:
        SCAN(Py_UCS2, DIRECT);
        break;
    default:
        SCAN(Py_UCS4, WIDE);
        break;
    }
    return PyLong_FromUnsignedLongLong(found);
}

/* Whether a text holds a pair of characters (the first of table's kind 1, the second of kind 2)
 * that comes again one or two characters after it: a two-character word, one or two others and
 * the same word (推进落实推进), the necessary condition of a route like (word).{1,2}\1 over
 * words of two characters (gongwen.analysis.route_screen.needs_echo, whose plain_echoed is the
 * reference; tests/analysis/test_route_screen.py compares the two). Characters beyond the BMP
 * are of neither kind. */
#define ECHO_FIRST 1u
#define ECHO_SECOND 2u

#define ECHO_SCAN(TYPE, KIND_OF)                                                        \
    do {                                                                              \
        const TYPE *p = (const TYPE *)data;                                           \
        for (Py_ssize_t i = 0; i + 4 < n; i++) {                                      \
            if (!(KIND_OF(p[i]) & ECHO_FIRST) || !(KIND_OF(p[i + 1]) & ECHO_SECOND)) { \
                continue;                                                             \
            }                                                                         \
            if ((p[i + 3] == p[i] && p[i + 4] == p[i + 1])                            \
                    || (i + 5 < n && p[i + 4] == p[i] && p[i + 5] == p[i + 1])) {     \
                found = 1;                                                            \
                break;                                                                \
            }                                                                         \
        }                                                                             \
    } while (0)

#define TABLE(c) (table[(c)])
#define TABLE_WIDE(c) ((c) < BMP ? table[(c)] : 0u)

static PyObject *
echoed_pair(PyObject *module, PyObject *args)
{
    PyObject *text;
    Py_buffer kinds;
    if (!PyArg_ParseTuple(args, "Uy*", &text, &kinds)) {
        return NULL;
    }
    if (kinds.len != BMP) {
        PyBuffer_Release(&kinds);
        PyErr_SetString(PyExc_ValueError, "the table must be 65536 bytes, one per BMP code point");
        return NULL;
    }
    const uint8_t *table = (const uint8_t *)kinds.buf;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const void *data = PyUnicode_DATA(text);
    int found = 0;
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        ECHO_SCAN(Py_UCS1, TABLE);
        break;
    case PyUnicode_2BYTE_KIND:
        ECHO_SCAN(Py_UCS2, TABLE);
        break;
    default:
        ECHO_SCAN(Py_UCS4, TABLE_WIDE);
        break;
    }
    PyBuffer_Release(&kinds);
    return PyBool_FromLong(found);
}

/* unit_heads(text, starts, table, reach): the indexes k of the places starts[k] of the text
 * whose first character of a kind other than 1 (a blank) is of kind 2, or that have a
 * character of kind 3 among the `reach` characters from there. The headings' screen
 * (gongwen.analysis.outline._marker_units): starts are the units' starts, and a unit neither
 * holds has no heading marker; a place outside the text is kept. One C loop for what was a
 * call of the marker test per unit. */
#define HEADS_SCAN(T, KIND)                                                                   \
    do {                                                                                      \
        const T *p = (const T *)data;                                                         \
        for (Py_ssize_t k = 0; k < count; k++) {                                              \
            Py_ssize_t start = PyLong_AsSsize_t(PyList_GET_ITEM(starts, k));                  \
            if (start == -1 && PyErr_Occurred()) {                                            \
                goto fail;                                                                    \
            }                                                                                 \
            int hit = start < 0 || start >= n;                                                \
            Py_ssize_t i = start;                                                             \
            uint8_t c = 0;                                                                    \
            while (!hit && i < n && (c = KIND(p[i])) == 1) {                                  \
                i++;                                                                          \
            }                                                                                 \
            hit = hit || (i < n && c == 2);                                                   \
            Py_ssize_t stop = start + reach < n ? start + reach : n;                          \
            for (i = start; !hit && i < stop; i++) {                                          \
                hit = KIND(p[i]) == 3;                                                        \
            }                                                                                 \
            if (hit) {                                                                        \
                PyObject *at = PyLong_FromSsize_t(k);                                         \
                if (at == NULL || PyList_Append(found, at) < 0) {                             \
                    Py_XDECREF(at);                                                           \
                    goto fail;                                                                \
                }                                                                             \
                Py_DECREF(at);                                                                \
            }                                                                                 \
        }                                                                                     \
    } while (0)

static PyObject *
unit_heads(PyObject *module, PyObject *args)
{
    PyObject *text, *starts;
    Py_buffer kinds;
    Py_ssize_t reach;
    if (!PyArg_ParseTuple(args, "UO!y*n", &text, &PyList_Type, &starts, &kinds, &reach)) {
        return NULL;
    }
    if (kinds.len != BMP) {
        PyBuffer_Release(&kinds);
        PyErr_SetString(PyExc_ValueError, "the table must be 65536 bytes, one per BMP code point");
        return NULL;
    }
    const uint8_t *table = (const uint8_t *)kinds.buf;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text), count = PyList_GET_SIZE(starts);
    const void *data = PyUnicode_DATA(text);
    PyObject *found = PyList_New(0);
    if (found == NULL) {
        PyBuffer_Release(&kinds);
        return NULL;
    }
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        HEADS_SCAN(Py_UCS1, TABLE);
        break;
    case PyUnicode_2BYTE_KIND:
        HEADS_SCAN(Py_UCS2, TABLE);
        break;
    default:
        HEADS_SCAN(Py_UCS4, TABLE_WIDE);
        break;
    }
    PyBuffer_Release(&kinds);
    return found;
fail:
    PyBuffer_Release(&kinds);
    Py_DECREF(found);
    return NULL;
}

static PyMethodDef module_methods[] = {
    {"echoed_pair", echoed_pair, METH_VARARGS,
     "echoed_pair(text, table): whether a pair of kinds 1 then 2 comes again 1 or 2 characters on."},
    {"unit_heads", unit_heads, METH_VARARGS,
     "unit_heads(text, starts, table, reach): the indexes k of the starts whose first non-blank "
     "(kind 1) character is of kind 2, or with one of kind 3 among reach characters from there."},
    {NULL, NULL, 0, NULL},
};

static PyMethodDef scanner_methods[] = {
    {"classes", (PyCFunction)scanner_classes, METH_O,
     "The mask of the classes the str holds (bit i: class i)."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ScannerType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "gongwen.analysis._trigger_scan.Scanner",
    .tp_basicsize = sizeof(Scanner),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Scanner(kinds, alone, opens, closes): kinds is 65536 bytes (a kind per BMP code "
              "point), the others a 64-bit mask per kind.",
    .tp_new = scanner_new,
    .tp_methods = scanner_methods,
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_trigger_scan",
    "Which trigger classes a text holds, in one pass (see gongwen.triggers).",
    -1, module_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__trigger_scan(void)
{
    if (PyType_Ready(&ScannerType) < 0) {
        return NULL;
    }
    PyObject *module = PyModule_Create(&definition);
    if (module == NULL) {
        return NULL;
    }
    Py_INCREF(&ScannerType);
    if (PyModule_AddObject(module, "Scanner", (PyObject *)&ScannerType) < 0) {
        Py_DECREF(&ScannerType);
        Py_DECREF(module);
        return NULL;
    }
    return module;
}
