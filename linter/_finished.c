/* A document's findings finished in one C call (gongwen.engine._Collected.finished).

   After the rules have run, the engine turns what they reported — (rule, severity, the unit's
   start, Violation) records — into Diagnostics: duplicates dropped, the rest ordered by
   (start, end, code), each located (one bisection of the line starts), its fixes and labels
   moved to document offsets, its matched text and fingerprint (the SHA-256 of code, path,
   matched text, the line context and the occurrence) made, and the Diagnostic built. In
   Python that loop was ~40,000 instructions a finding, a tenth of them the hash; here the
   same steps are C calls, and the hash is the one hashlib's sha256 computes.

   finished(records, text, path, starts, size) -> list | None

   ``starts`` and ``size`` are the document's LineIndex (identity offsets only: the caller
   asks only then). Only what the Python loop builds without surprises is done here:
   Violations, Fixes, Edits and Labels of the exact classes configure() named, offsets and
   the unit's start exact ints, spans inside the line index, codes and texts exact strs, a
   fixes or labels field that is a tuple. For anything else, and if anything raises, None is
   returned and the Python loop (the reference, tests/test_finished_c.py) does the document,
   raising what it raises. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include "_member_slots.h"

enum { V_START, V_END, V_MESSAGE, V_HELP, V_FIXES, V_LABELS, V_NOTES, N_V };
static const char *const V_NAMES[N_V] = {"start", "end", "message", "help", "fixes", "labels", "notes"};
enum { F_EDITS, F_APPLICABILITY, F_TITLE, N_F };
static const char *const F_NAMES[N_F] = {"edits", "applicability", "title"};
enum { E_START, E_END, E_CONTENT, N_E };
static const char *const E_NAMES[N_E] = {"start", "end", "content"};
enum { L_START, L_END, L_MESSAGE, N_L };
static const char *const L_NAMES[N_L] = {"start", "end", "message"};

static PyTypeObject *violation_type, *fix_type, *edit_type, *label_type, *location_type;
/* the slotted classes' positional builders (gongwen.slotted.positional) and hashlib.sha256 */
static PyObject *make_fix, *make_edit, *make_label, *make_diagnostic, *sha256;
static PyObject *str_code, *str_name, *str_headline, *str_digest;
static Py_ssize_t v_off[N_V], f_off[N_F], e_off[N_E], l_off[N_L];

enum { CONTEXT = 8 };  /* engine._CONTEXT: characters each side of a span in its fingerprint */

static PyObject *
configure(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 10) {
        PyErr_SetString(PyExc_TypeError, "configure() takes 10 arguments");
        return NULL;
    }
    for (int i = 0; i < 5; i++)
        if (!PyType_Check(args[i])) {
            PyErr_SetString(PyExc_TypeError, "configure(): the first five are classes");
            return NULL;
        }
    if (slot_offsets((PyTypeObject *)args[0], V_NAMES, N_V, v_off) < 0
        || slot_offsets((PyTypeObject *)args[1], F_NAMES, N_F, f_off) < 0
        || slot_offsets((PyTypeObject *)args[2], E_NAMES, N_E, e_off) < 0
        || slot_offsets((PyTypeObject *)args[3], L_NAMES, N_L, l_off) < 0)
        return NULL;
    if (!PyType_IsSubtype((PyTypeObject *)args[4], &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "configure(): Location is a tuple");
        return NULL;
    }
    PyObject **keep[10] = {(PyObject **)&violation_type, (PyObject **)&fix_type, (PyObject **)&edit_type,
                           (PyObject **)&label_type, (PyObject **)&location_type, &make_fix, &make_edit,
                           &make_label, &make_diagnostic, &sha256};
    for (int i = 0; i < 10; i++) {
        Py_INCREF(args[i]);
        Py_XSETREF(*keep[i], args[i]);
    }
    Py_RETURN_NONE;
}

/* An exact int as a Py_ssize_t; -1 with *ok = 0 for anything else. */
static Py_ssize_t
exact_index(PyObject *v, int *ok)
{
    if (!PyLong_CheckExact(v)) {
        *ok = 0;
        return -1;
    }
    Py_ssize_t x = PyLong_AsSsize_t(v);
    if (x == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        *ok = 0;
    }
    return x;
}

/* bisect.bisect_right(starts, x): starts is a list of exact ints (checked by the caller). */
static Py_ssize_t
bisect_right(PyObject *starts, Py_ssize_t x)
{
    Py_ssize_t lo = 0, hi = PyList_GET_SIZE(starts);
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (x < PyLong_AsSsize_t(PyList_GET_ITEM(starts, mid)))
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* Location(line, column) of an offset, as the Python loop builds it (tuple.__new__). */
static PyObject *
location_of(PyObject *starts, Py_ssize_t offset)
{
    Py_ssize_t line = bisect_right(starts, offset);
    if (line < 1)
        return NULL;  /* a line index's first start is 0: not a line index */
    Py_ssize_t column = offset - PyLong_AsSsize_t(PyList_GET_ITEM(starts, line - 1)) + 1;
    PyObject *loc = location_type->tp_alloc(location_type, 2);
    if (loc == NULL)
        return NULL;
    PyObject *a = PyLong_FromSsize_t(line), *b = PyLong_FromSsize_t(column);
    if (a == NULL || b == NULL) {
        Py_XDECREF(a);
        Py_XDECREF(b);
        Py_DECREF(loc);
        return NULL;
    }
    PyTuple_SET_ITEM(loc, 0, a);
    PyTuple_SET_ITEM(loc, 1, b);
    return loc;
}

/* (start + delta, end + delta) of an Edit or Label: exact ints, else NULL. */
static int
shifted_span(PyObject *obj, Py_ssize_t start_off, Py_ssize_t end_off, Py_ssize_t delta,
             PyObject **start, PyObject **end)
{
    int ok = 1;
    Py_ssize_t s = exact_index(SLOT(obj, start_off), &ok), e = exact_index(SLOT(obj, end_off), &ok);
    if (!ok)
        return -1;
    *start = PyLong_FromSsize_t(s + delta);
    *end = PyLong_FromSsize_t(e + delta);
    if (*start == NULL || *end == NULL) {
        Py_XDECREF(*start);
        Py_XDECREF(*end);
        return -1;
    }
    return 0;
}

/* Fix.shifted(delta) of an exact Fix (itself when delta is 0). */
static PyObject *
shifted_fix(PyObject *fix, Py_ssize_t delta)
{
    if (Py_TYPE(fix) != fix_type)
        return NULL;
    PyObject *edits = SLOT(fix, f_off[F_EDITS]);
    if (edits == NULL || SLOT(fix, f_off[F_APPLICABILITY]) == NULL || SLOT(fix, f_off[F_TITLE]) == NULL)
        return NULL;
    if (delta == 0) {
        Py_INCREF(fix);
        return fix;
    }
    if (!PyTuple_CheckExact(edits))
        return NULL;  /* Fix.shifted iterates any iterable: the Python loop does that */
    Py_ssize_t n = PyTuple_GET_SIZE(edits);
    PyObject *moved = PyTuple_New(n);
    if (moved == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *e = PyTuple_GET_ITEM(edits, i), *start, *end;
        if (Py_TYPE(e) != edit_type || SLOT(e, e_off[E_CONTENT]) == NULL
            || shifted_span(e, e_off[E_START], e_off[E_END], delta, &start, &end) < 0) {
            Py_DECREF(moved);
            return NULL;
        }
        PyObject *a[3] = {start, end, SLOT(e, e_off[E_CONTENT])};
        PyObject *edit = PyObject_Vectorcall(make_edit, a, 3, NULL);
        Py_DECREF(start);
        Py_DECREF(end);
        if (edit == NULL) {
            Py_DECREF(moved);
            return NULL;
        }
        PyTuple_SET_ITEM(moved, i, edit);
    }
    PyObject *a[3] = {moved, SLOT(fix, f_off[F_APPLICABILITY]), SLOT(fix, f_off[F_TITLE])};
    PyObject *made = PyObject_Vectorcall(make_fix, a, 3, NULL);
    Py_DECREF(moved);
    return made;
}

/* Label.shifted(delta) of an exact Label. */
static PyObject *
shifted_label(PyObject *label, Py_ssize_t delta)
{
    if (Py_TYPE(label) != label_type || SLOT(label, l_off[L_MESSAGE]) == NULL)
        return NULL;
    if (delta == 0) {
        if (SLOT(label, l_off[L_START]) == NULL || SLOT(label, l_off[L_END]) == NULL)
            return NULL;
        Py_INCREF(label);
        return label;
    }
    PyObject *start, *end;
    if (shifted_span(label, l_off[L_START], l_off[L_END], delta, &start, &end) < 0)
        return NULL;
    PyObject *a[3] = {start, end, SLOT(label, l_off[L_MESSAGE])};
    PyObject *made = PyObject_Vectorcall(make_label, a, 3, NULL);
    Py_DECREF(start);
    Py_DECREF(end);
    return made;
}

/* tuple([shift(x, delta) for x in items]) of a non-empty exact tuple. */
static PyObject *
shifted_all(PyObject *items, Py_ssize_t delta, PyObject *(*shift)(PyObject *, Py_ssize_t))
{
    Py_ssize_t n = PyTuple_GET_SIZE(items);
    PyObject *out = PyTuple_New(n);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *x = shift(PyTuple_GET_ITEM(items, i), delta);
        if (x == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(out, i, x);
    }
    return out;
}

/* engine._line_context: up to CONTEXT characters each side of [start, end), never across a
   line break (\n or \r). */
static PyObject *
line_context(PyObject *text, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t lo = start > CONTEXT ? start - CONTEXT : 0;
    Py_ssize_t hi = end + CONTEXT < length ? end + CONTEXT : length;
    /* the last line break in [lo, start): the context starts after it */
    for (Py_ssize_t i = start - 1; i >= lo; i--) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c == '\n' || c == '\r') {
            lo = i + 1;
            break;
        }
    }
    /* the first in [end, hi): it ends there (a break inside the span stays: text[lo:hi]) */
    for (Py_ssize_t i = end; i < hi; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c == '\n' || c == '\r') {
            hi = i;
            break;
        }
    }
    return PyUnicode_Substring(text, lo, hi);
}

/* A growing byte buffer for the fingerprint's input. */
#define BUF_FIRST_CAPACITY 512
#include "_byte_buffer.h"

/* A str's UTF-8 with surrogates passed (their three bytes, as "surrogatepass" writes them),
   then the separator byte when sep >= 0. */
static int
buf_utf8(Buf *b, PyObject *s, int sep)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (n > PY_SSIZE_T_MAX / 4 - 1 || buf_reserve(b, 4 * n + 1) < 0)
        return -1;
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    char *o = b->p + b->n;
    if (kind == PyUnicode_1BYTE_KIND && PyUnicode_IS_ASCII(s)) {
        memcpy(o, data, n);
        o += n;
    } else {
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            if (c < 0x80) {
                *o++ = (char)c;
            } else if (c < 0x800) {
                *o++ = (char)(0xC0 | (c >> 6));
                *o++ = (char)(0x80 | (c & 0x3F));
            } else if (c < 0x10000) {
                *o++ = (char)(0xE0 | (c >> 12));
                *o++ = (char)(0x80 | ((c >> 6) & 0x3F));
                *o++ = (char)(0x80 | (c & 0x3F));
            } else {
                *o++ = (char)(0xF0 | (c >> 18));
                *o++ = (char)(0x80 | ((c >> 12) & 0x3F));
                *o++ = (char)(0x80 | ((c >> 6) & 0x3F));
                *o++ = (char)(0x80 | (c & 0x3F));
            }
        }
    }
    if (sep >= 0)
        *o++ = (char)sep;
    b->n = o - b->p;
    return 0;
}

/* diagnostic.fingerprint(code, path, matched, context, occurrence): the first 20 hex digits
   of the SHA-256 of the five joined by \x1f, in UTF-8 with surrogates passed. */
static PyObject *
fingerprint(Buf *b, PyObject *code, PyObject *path, PyObject *matched, PyObject *context, Py_ssize_t n)
{
    static const char hex[] = "0123456789abcdef";
    b->n = 0;
    char number[24];
    int k = snprintf(number, sizeof number, "%zd", n);
    if (buf_utf8(b, code, 0x1f) < 0 || buf_utf8(b, path, 0x1f) < 0 || buf_utf8(b, matched, 0x1f) < 0
        || buf_utf8(b, context, 0x1f) < 0 || buf_reserve(b, k) < 0)
        return NULL;
    memcpy(b->p + b->n, number, k);
    b->n += k;
    PyObject *raw = PyBytes_FromStringAndSize(b->p, b->n);
    if (raw == NULL)
        return NULL;
    PyObject *h = PyObject_CallOneArg(sha256, raw);
    Py_DECREF(raw);
    if (h == NULL)
        return NULL;
    PyObject *digest = PyObject_CallMethodNoArgs(h, str_digest);
    Py_DECREF(h);
    if (digest == NULL)
        return NULL;
    if (!PyBytes_Check(digest) || PyBytes_GET_SIZE(digest) < 10) {
        Py_DECREF(digest);
        return NULL;
    }
    PyObject *out = PyUnicode_New(20, 127);
    if (out != NULL) {
        const unsigned char *d = (const unsigned char *)PyBytes_AS_STRING(digest);
        Py_UCS1 *w = PyUnicode_1BYTE_DATA(out);
        for (int i = 0; i < 10; i++) {
            w[2 * i] = hex[d[i] >> 4];
            w[2 * i + 1] = hex[d[i] & 0xf];
        }
    }
    Py_DECREF(digest);
    return out;
}

/* One kept record as its Diagnostic: the Python loop's body. */
static PyObject *
build(PyObject *record, PyObject *key, PyObject *text, PyObject *path, PyObject *starts, PyObject *seen, Buf *b)
{
    PyObject *rule = PyTuple_GET_ITEM(record, 0), *severity = PyTuple_GET_ITEM(record, 1),
             *v = PyTuple_GET_ITEM(record, 3), *code = PyTuple_GET_ITEM(key, 2);
    Py_ssize_t start = PyLong_AsSsize_t(PyTuple_GET_ITEM(key, 0)), end = PyLong_AsSsize_t(PyTuple_GET_ITEM(key, 1));
    int ok = 1;
    Py_ssize_t delta = exact_index(PyTuple_GET_ITEM(record, 2), &ok);
    if (!ok || !PyUnicode_CheckExact(code))
        return NULL;
    PyObject *fixes = SLOT(v, v_off[V_FIXES]), *labels = SLOT(v, v_off[V_LABELS]);
    PyObject *made[9] = {NULL};  /* location, end_location, fixes, labels, matched, context, fp, name, headline */
    PyObject *result = NULL, *seen_key = NULL;
    if ((made[0] = location_of(starts, start)) == NULL)
        goto done;
    if (end != start) {
        if ((made[1] = location_of(starts, end)) == NULL)
            goto done;
    } else {
        Py_INCREF(made[0]);
        made[1] = made[0];
    }
    /* fixes or (), labels or (): shifted when there are any */
    if (!PyTuple_CheckExact(fixes) || !PyTuple_CheckExact(labels))
        goto done;
    if (PyTuple_GET_SIZE(fixes)) {
        if ((made[2] = shifted_all(fixes, delta, shifted_fix)) == NULL)
            goto done;
    } else {
        made[2] = PyTuple_New(0);
    }
    if (PyTuple_GET_SIZE(labels)) {
        if ((made[3] = shifted_all(labels, delta, shifted_label)) == NULL)
            goto done;
    } else {
        made[3] = PyTuple_New(0);
    }
    if (made[2] == NULL || made[3] == NULL)
        goto done;
    if ((made[4] = PyUnicode_Substring(text, start, end)) == NULL
        || (made[5] = line_context(text, start, end)) == NULL)
        goto done;
    /* seen[(code, matched, context)]: the occurrence of this finding's text among the same */
    if ((seen_key = PyTuple_Pack(3, code, made[4], made[5])) == NULL)
        goto done;
    PyObject *count = PyDict_GetItemWithError(seen, seen_key);
    Py_ssize_t n = 0;
    if (count != NULL) {
        n = PyLong_AsSsize_t(count);
    } else if (PyErr_Occurred()) {
        goto done;
    }
    {
        PyObject *next = PyLong_FromSsize_t(n + 1);
        if (next == NULL || PyDict_SetItem(seen, seen_key, next) < 0) {
            Py_XDECREF(next);
            goto done;
        }
        Py_DECREF(next);
    }
    if ((made[6] = fingerprint(b, code, path, made[4], made[5], n)) == NULL)
        goto done;
    if ((made[7] = PyObject_GetAttr(rule, str_name)) == NULL
        || (made[8] = PyObject_GetAttr(rule, str_headline)) == NULL)
        goto done;
    {
        PyObject *start_obj = PyTuple_GET_ITEM(key, 0), *end_obj = PyTuple_GET_ITEM(key, 1);
        PyObject *a[16] = {code, made[7], severity, SLOT(v, v_off[V_MESSAGE]), path, start_obj, end_obj,
                           made[0], made[1], SLOT(v, v_off[V_HELP]), made[2], made[3],
                           SLOT(v, v_off[V_NOTES]), made[4], made[6], made[8]};
        result = PyObject_Vectorcall(make_diagnostic, a, 16, NULL);
    }
done:
    Py_XDECREF(seen_key);
    for (int i = 0; i < 9; i++)
        Py_XDECREF(made[i]);
    return result;
}

static PyObject *
finished(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "finished() takes 5 arguments");
        return NULL;
    }
    PyObject *records = args[0], *text = args[1], *path = args[2], *starts = args[3];
    if (violation_type == NULL || !PyList_CheckExact(records) || !PyUnicode_CheckExact(text)
        || !PyUnicode_CheckExact(path) || !PyList_CheckExact(starts) || !PyLong_CheckExact(args[4]))
        Py_RETURN_NONE;
    Py_ssize_t size = PyLong_AsSsize_t(args[4]);
    if (size == -1 && PyErr_Occurred())
        goto decline;
    /* the line index's starts: exact ints, read without checks below */
    Py_ssize_t lines = PyList_GET_SIZE(starts);
    if (lines == 0)
        Py_RETURN_NONE;
    for (Py_ssize_t i = 0; i < lines; i++)
        if (!PyLong_CheckExact(PyList_GET_ITEM(starts, i)))
            Py_RETURN_NONE;
    PyObject *unique = NULL, *keys = NULL, *seen = NULL, *out = NULL;
    Buf b = {NULL, 0, 0};
    if ((unique = PyDict_New()) == NULL || (seen = PyDict_New()) == NULL)
        goto fail;
    /* unique[(delta + v.start, delta + v.end, rule.code)] = record: the last of equal keys */
    Py_ssize_t n = PyList_GET_SIZE(records);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *record = PyList_GET_ITEM(records, i);
        if (!PyTuple_CheckExact(record) || PyTuple_GET_SIZE(record) != 4)
            goto fail;
        PyObject *v = PyTuple_GET_ITEM(record, 3);
        if (Py_TYPE(v) != violation_type)
            goto fail;
        for (int k = 0; k < N_V; k++)
            if (SLOT(v, v_off[k]) == NULL)
                goto fail;
        int ok = 1;
        Py_ssize_t delta = exact_index(PyTuple_GET_ITEM(record, 2), &ok),
                   s = exact_index(SLOT(v, v_off[V_START]), &ok), e = exact_index(SLOT(v, v_off[V_END]), &ok);
        if (!ok || delta + s < 0 || delta + e > size || s > e)
            goto fail;  /* a span outside the line index: Document.locate's to judge */
        PyObject *code = PyObject_GetAttr(PyTuple_GET_ITEM(record, 0), str_code);
        if (code == NULL)
            goto fail;
        PyObject *a = PyLong_FromSsize_t(delta + s), *z = PyLong_FromSsize_t(delta + e);
        PyObject *key = (a && z) ? PyTuple_Pack(3, a, z, code) : NULL;
        Py_XDECREF(a);
        Py_XDECREF(z);
        Py_DECREF(code);
        if (key == NULL)
            goto fail;
        int r = PyDict_SetItem(unique, key, record);
        Py_DECREF(key);
        if (r < 0)
            goto fail;
    }
    if ((keys = PyDict_Keys(unique)) == NULL || PyList_Sort(keys) < 0)
        goto fail;
    n = PyList_GET_SIZE(keys);
    if ((out = PyList_New(n)) == NULL)
        goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *key = PyList_GET_ITEM(keys, i);
        PyObject *d = build(PyDict_GetItem(unique, key), key, text, path, starts, seen, &b);
        if (d == NULL)
            goto fail;
        PyList_SET_ITEM(out, i, d);
    }
    Py_DECREF(unique);
    Py_DECREF(keys);
    Py_DECREF(seen);
    PyMem_Free(b.p);
    return out;
fail:
    Py_XDECREF(unique);
    Py_XDECREF(keys);
    Py_XDECREF(seen);
    Py_XDECREF(out);
    PyMem_Free(b.p);
decline:
    if (PyErr_Occurred() && !PyErr_ExceptionMatches(PyExc_Exception))
        return NULL;  /* KeyboardInterrupt and the like pass */
    PyErr_Clear();
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"configure", (PyCFunction)(void (*)(void))configure, METH_FASTCALL,
     "configure(Violation, Fix, Edit, Label, Location, make_fix, make_edit, make_label, "
     "make_diagnostic, sha256): the classes and builders finished uses"},
    {"finished", (PyCFunction)(void (*)(void))finished, METH_FASTCALL,
     "finished(records, text, path, starts, size): a document's records as Diagnostics, or None "
     "where the Python loop is to build them"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_finished", NULL, -1, methods};

PyMODINIT_FUNC
PyInit__finished(void)
{
    str_code = PyUnicode_InternFromString("code");
    str_name = PyUnicode_InternFromString("name");
    str_headline = PyUnicode_InternFromString("headline");
    str_digest = PyUnicode_InternFromString("digest");
    if (str_code == NULL || str_name == NULL || str_headline == NULL || str_digest == NULL)
        return NULL;
    return PyModule_Create(&module);
}
