/* Reading a Python class's __slots__ from C, shared by gongwen._finished and
   gongwen.output._json_item: the byte offsets of named object slots, asked once at configure
   time (a slot that is not a plain object member of that very class is a TypeError, so a
   changed dataclass fails loudly instead of reading the wrong field), and SLOT to read one. */
#ifndef GONGWEN_MEMBER_SLOTS_H
#define GONGWEN_MEMBER_SLOTS_H

#include <Python.h>
#include <structmember.h>

#define SLOT(obj, off) (*(PyObject **)((char *)(obj) + (off)))

static int
slot_offsets(PyTypeObject *cls, const char *const *names, int n, Py_ssize_t *offsets)
{
    for (int i = 0; i < n; i++) {
        PyObject *descr = PyDict_GetItemString(cls->tp_dict, names[i]);
        if (descr == NULL || Py_TYPE(descr) != &PyMemberDescr_Type
            || ((PyDescrObject *)descr)->d_type != cls
            || ((PyMemberDescrObject *)descr)->d_member->type != T_OBJECT_EX) {
            PyErr_Format(PyExc_TypeError, "%s is not an object slot of %s", names[i], cls->tp_name);
            return -1;
        }
        offsets[i] = ((PyMemberDescrObject *)descr)->d_member->offset;
    }
    return 0;
}

#endif
