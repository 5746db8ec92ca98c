/* A growing byte buffer, shared by the C extensions that build bytes (gongwen._finished's
   fingerprint input, gongwen.output._json_item's JSON part). The including file defines
   BUF_FIRST_CAPACITY, the first allocation: what one of its buffers usually holds. */
#ifndef GONGWEN_BYTE_BUFFER_H
#define GONGWEN_BYTE_BUFFER_H

#include <Python.h>

#ifndef BUF_FIRST_CAPACITY
#error "define BUF_FIRST_CAPACITY before including _byte_buffer.h"
#endif

typedef struct {
    char *p;
    Py_ssize_t n, cap;
} Buf;

static int
buf_reserve(Buf *b, Py_ssize_t more)
{
    if (b->n + more <= b->cap)
        return 0;
    Py_ssize_t cap = b->cap ? b->cap : BUF_FIRST_CAPACITY;
    while (cap < b->n + more) {
        if (cap > PY_SSIZE_T_MAX / 2) {
            PyErr_NoMemory();
            return -1;
        }
        cap *= 2;
    }
    char *p = PyMem_Realloc(b->p, cap);
    if (p == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

#endif
