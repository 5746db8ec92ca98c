/* Instances of slotted classes built by one C call (gongwen.diagnostic.positional).

   Every finding builds a few frozen, slotted dataclass instances (the engine's Diagnostic, a
   Fix and an Edit shifted to document offsets). Their Python __init__ sets each slot through
   the slot's descriptor, a C call per field from a Python frame: a Diagnostic's sixteen
   fields were a third of what the engine spends per finding after the rule. A Builder is made
   once per class from its field names: it reads each field's slot offset from the class's
   member descriptor and then fills a new instance's slots directly, taking every field
   positionally, in order (no defaults, no keywords: the callers pass them all).

   Only plain object slots of the class itself are accepted (what __slots__ makes); anything
   else is refused when the Builder is made, and the Python side then keeps the class's own
   constructor. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <stddef.h>

#define MAX_FIELDS 32

typedef struct {
    PyObject_HEAD
    vectorcallfunc vectorcall;
    PyTypeObject *cls;
    Py_ssize_t n;
    Py_ssize_t offsets[MAX_FIELDS];
} Builder;

static PyObject *
builder_vectorcall(PyObject *callable, PyObject *const *args, size_t nargsf, PyObject *kwnames)
{
    Builder *self = (Builder *)callable;
    Py_ssize_t n = PyVectorcall_NARGS(nargsf);
    if (kwnames != NULL && PyTuple_GET_SIZE(kwnames) != 0) {
        PyErr_SetString(PyExc_TypeError, "a slot builder takes no keyword arguments");
        return NULL;
    }
    if (n != self->n) {
        PyErr_Format(PyExc_TypeError, "%s builder takes %zd positional arguments (%zd given)",
                     self->cls->tp_name, self->n, n);
        return NULL;
    }
    PyObject *obj = self->cls->tp_alloc(self->cls, 0);
    if (obj == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *value = args[i];
        Py_INCREF(value);
        *(PyObject **)((char *)obj + self->offsets[i]) = value;
    }
    return obj;
}

static void
builder_dealloc(Builder *self)
{
    Py_XDECREF(self->cls);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyTypeObject BuilderType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "gongwen._slots.Builder",
    .tp_basicsize = sizeof(Builder),
    .tp_dealloc = (destructor)builder_dealloc,
    .tp_vectorcall_offset = offsetof(Builder, vectorcall),
    .tp_call = PyVectorcall_Call,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "builder(*fields): a new instance with its slots set, positionally",
};

/* builder(cls, names): names is a tuple of the fields' names, in the order the builder takes
   them; each must be a plain object slot that cls itself declares. */
static PyObject *
make_builder(PyObject *module, PyObject *args)
{
    PyObject *cls_obj, *names;
    if (!PyArg_ParseTuple(args, "O!O!:builder", &PyType_Type, &cls_obj, &PyTuple_Type, &names))
        return NULL;
    PyTypeObject *cls = (PyTypeObject *)cls_obj;
    Py_ssize_t n = PyTuple_GET_SIZE(names);
    if (n > MAX_FIELDS) {
        PyErr_Format(PyExc_ValueError, "at most %d fields", MAX_FIELDS);
        return NULL;
    }
    if (cls->tp_alloc == NULL || cls->tp_new == NULL) {
        PyErr_SetString(PyExc_TypeError, "class cannot be instantiated");
        return NULL;
    }
    Builder *self = PyObject_New(Builder, &BuilderType);
    if (self == NULL)
        return NULL;
    self->vectorcall = builder_vectorcall;
    self->n = n;
    Py_INCREF(cls);
    self->cls = cls;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *name = PyTuple_GET_ITEM(names, i);
        PyObject *descr = PyDict_GetItemWithError(cls->tp_dict, name);
        if (descr == NULL || Py_TYPE(descr) != &PyMemberDescr_Type
            || ((PyDescrObject *)descr)->d_type != cls) {
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_TypeError, "%R is not a slot of %s", name, cls->tp_name);
            Py_DECREF(self);
            return NULL;
        }
        PyMemberDef *member = ((PyMemberDescrObject *)descr)->d_member;
        if (member->type != T_OBJECT_EX || (member->flags & READONLY)) {
            PyErr_Format(PyExc_TypeError, "%R is not a plain object slot of %s", name, cls->tp_name);
            Py_DECREF(self);
            return NULL;
        }
        self->offsets[i] = member->offset;
    }
    return (PyObject *)self;
}

static PyMethodDef methods[] = {
    {"builder", make_builder, METH_VARARGS,
     "builder(cls, names): a callable that builds cls from its slots' values, positionally"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_slots", NULL, -1, methods};

PyMODINIT_FUNC
PyInit__slots(void)
{
    if (PyType_Ready(&BuilderType) < 0)
        return NULL;
    return PyModule_Create(&module);
}
