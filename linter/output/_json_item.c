/* One finding's JSON text from its parts, in one C call (gongwen.output.json_format).

   The JSON format writes each finding from a fixed template (json_format._item_template). In
   Python that template is some forty pieces: each string field escaped by json's own C
   function, each number written by int.__repr__, each a call from the interpreter, and the
   whole joined by BUILD_STRING — about 27,000 instructions a finding, more than locating and
   building it. Here the fields are escaped, the numbers written and the pieces joined by one
   C function, which the Python template gives the values it reads from the finding.

   item(path_text, rule_lines, message, help, location, end_location, start, end, matched,
        fix_text, labels_text, notes_text, fingerprint, location_type, escape) -> str

   path_text, rule_lines, fix_text, labels_text and notes_text are already JSON text (written
   by the Python side); message, help (None: null), matched and fingerprint are escaped by
   ``escape`` (json.encoder.encode_basestring, which raises TypeError for what is not a
   string); start, end and each location's line and column are written as int.__repr__ writes
   them and a TypeError is raised for what is not an int, as int.__repr__ raises: the Python
   side then takes the general writer, exactly as its own template does. A location of
   ``location_type`` (Location, a named tuple) is read by index, any other by its ``line``
   and ``column`` attributes (an AttributeError propagates, as from the template).

   Also (round 25): one_edit_fix, the text of a fix of one edit on its finding's line (the
   fix_text above, for nearly every fix), and has_surrogate, the output's test of what UTF-8
   cannot encode (stream.guarded). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "structmember.h"
#include "../_member_slots.h"

enum { N_PIECES = 31 };

static const char *const FIXED[] = {
    "  {\n    \"path\": ",                  /* path_text */
    ",\n",                                  /* rule_lines */
    "    \"message\": ",                    /* message */
    ",\n    \"help\": ",                    /* help */
    ",\n    \"location\": {\n      \"line\": ",
    ",\n      \"column\": ",
    "\n    },\n    \"end_location\": {\n      \"line\": ",
    ",\n      \"column\": ",
    "\n    },\n    \"offset\": {\n      \"start\": ",
    ",\n      \"end\": ",
    "\n    },\n    \"text\": ",
    ",\n    \"fix\": ",
    ",\n    \"labels\": ",
    ",\n    \"notes\": ",
    ",\n    \"fingerprint\": ",
    "\n  }",
};
enum { N_FIXED = sizeof(FIXED) / sizeof(FIXED[0]) };

static PyObject *fixed[N_FIXED];
static PyObject *empty, *null_text, *line_name, *column_name;

/* int.__repr__(value), or TypeError as it raises for what is not an int. */
static PyObject *
int_text(PyObject *value)
{
    if (!PyLong_Check(value)) {
        PyErr_Format(PyExc_TypeError, "a JSON number must be an int, not %.100s", Py_TYPE(value)->tp_name);
        return NULL;
    }
    return PyLong_Type.tp_repr(value);
}

static PyObject *
escaped(PyObject *escape, PyObject *value)
{
    return PyObject_CallOneArg(escape, value);
}

/* The location's line or column (index 0 or 1), as ``location.line`` / ``.column`` reads it. */
static PyObject *
location_field(PyObject *location, PyObject *location_type, Py_ssize_t i)
{
    if ((PyObject *)Py_TYPE(location) == location_type && PyTuple_GET_SIZE(location) == 2) {
        PyObject *v = PyTuple_GET_ITEM(location, i);
        Py_INCREF(v);
        return v;
    }
    return PyObject_GetAttr(location, i == 0 ? line_name : column_name);
}

static PyObject *
location_text(PyObject *location, PyObject *location_type, Py_ssize_t i)
{
    PyObject *v = location_field(location, location_type, i);
    if (v == NULL)
        return NULL;
    PyObject *text = int_text(v);
    Py_DECREF(v);
    return text;
}

static PyObject *
item(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 15) {
        PyErr_SetString(PyExc_TypeError, "item() takes 15 arguments");
        return NULL;
    }
    PyObject *path_text = args[0], *rule_lines = args[1], *message = args[2], *help = args[3],
             *location = args[4], *end_location = args[5], *start = args[6], *end = args[7],
             *matched = args[8], *fix_text = args[9], *labels_text = args[10], *notes_text = args[11],
             *fingerprint = args[12], *location_type = args[13], *escape = args[14];
    PyObject *pieces = PyTuple_New(N_PIECES);
    if (pieces == NULL)
        return NULL;
    Py_ssize_t k = 0;
    int f = 0;
#define FIXED_PIECE() do { Py_INCREF(fixed[f]); PyTuple_SET_ITEM(pieces, k++, fixed[f]); f++; } while (0)
#define GIVEN(obj) do { if (!PyUnicode_Check(obj)) { \
        PyErr_SetString(PyExc_TypeError, "a written part must be a str"); goto fail; } \
        Py_INCREF(obj); PyTuple_SET_ITEM(pieces, k++, (obj)); } while (0)
#define MADE(expr) do { PyObject *made_ = (expr); if (made_ == NULL) goto fail; \
        PyTuple_SET_ITEM(pieces, k++, made_); } while (0)
    FIXED_PIECE(); GIVEN(path_text);
    FIXED_PIECE(); GIVEN(rule_lines);
    FIXED_PIECE(); MADE(escaped(escape, message));
    FIXED_PIECE();
    if (help == Py_None) {
        GIVEN(null_text);
    } else {
        MADE(escaped(escape, help));
    }
    FIXED_PIECE(); MADE(location_text(location, location_type, 0));
    FIXED_PIECE(); MADE(location_text(location, location_type, 1));
    FIXED_PIECE(); MADE(location_text(end_location, location_type, 0));
    FIXED_PIECE(); MADE(location_text(end_location, location_type, 1));
    FIXED_PIECE(); MADE(int_text(start));
    FIXED_PIECE(); MADE(int_text(end));
    FIXED_PIECE(); MADE(escaped(escape, matched));
    FIXED_PIECE(); GIVEN(fix_text);
    FIXED_PIECE(); GIVEN(labels_text);
    FIXED_PIECE(); GIVEN(notes_text);
    FIXED_PIECE(); MADE(escaped(escape, fingerprint));
    FIXED_PIECE();
#undef FIXED_PIECE
#undef GIVEN
#undef MADE
    if (k != N_PIECES || f != N_FIXED) {
        PyErr_SetString(PyExc_SystemError, "_json_item: the template's pieces do not add up");
        goto fail;
    }
    {
        PyObject *text = PyUnicode_Join(empty, pieces);
        Py_DECREF(pieces);
        return text;
    }
fail:
    /* the tuple's unset items are NULL, which its deallocation skips */
    Py_DECREF(pieces);
    return NULL;
}


/* One fix of one edit on its finding's line (json_format._fix_text's first branch; all 2,350
   edits of the speed benchmark's first 400 files): its whole JSON text in one join, rather
   than an f-string of fifteen pieces, two escapes and three int.__repr__ calls from Python.

   one_edit_fix(kind_text, title, content, line, start_column, end_column, escape) -> str

   kind_text is already JSON text; title and content are escaped by ``escape`` (TypeError for
   what is not a string, as from the template); the three numbers are ints (the Python side
   computed them from the line index's starts). */
static const char *const FIX_FIXED[] = {
    "{\n      \"applicability\": ",          /* kind_text */
    ",\n      \"message\": ",                /* title */
    ",\n      \"edits\": [\n        {\n          \"content\": ",   /* content */
    ",\n          \"location\": {\n            \"line\": ",         /* line */
    ",\n            \"column\": ",                                   /* start_column */
    "\n          },\n          \"end_location\": {\n            \"line\": ",  /* line */
    ",\n            \"column\": ",                                   /* end_column */
    "\n          }\n        }\n      ]\n    }",
};
enum { N_FIX_FIXED = sizeof(FIX_FIXED) / sizeof(FIX_FIXED[0]), N_FIX_PIECES = 2 * N_FIX_FIXED - 1 };

static PyObject *fix_fixed[N_FIX_FIXED];

static PyObject *
one_edit_fix(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 7) {
        PyErr_SetString(PyExc_TypeError, "one_edit_fix() takes 7 arguments");
        return NULL;
    }
    PyObject *kind_text = args[0], *title = args[1], *content = args[2], *line = args[3],
             *start_column = args[4], *end_column = args[5], *escape = args[6];
    if (!PyUnicode_Check(kind_text)) {
        PyErr_SetString(PyExc_TypeError, "a written part must be a str");
        return NULL;
    }
    PyObject *made[6] = {NULL, NULL, NULL, NULL, NULL, NULL};
    PyObject *text = NULL, *pieces = NULL;
    Py_INCREF(kind_text);
    made[0] = kind_text;
    if ((made[1] = escaped(escape, title)) == NULL || (made[2] = escaped(escape, content)) == NULL
        || (made[3] = int_text(line)) == NULL || (made[4] = int_text(start_column)) == NULL
        || (made[5] = int_text(end_column)) == NULL)
        goto done;
    pieces = PyTuple_New(N_FIX_PIECES);
    if (pieces == NULL)
        goto done;
    /* the line is written twice (location and end_location) */
    PyObject *between[N_FIX_FIXED - 1] = {made[0], made[1], made[2], made[3], made[4], made[3], made[5]};
    for (Py_ssize_t i = 0; i < N_FIX_FIXED; i++) {
        Py_INCREF(fix_fixed[i]);
        PyTuple_SET_ITEM(pieces, 2 * i, fix_fixed[i]);
        if (i < N_FIX_FIXED - 1) {
            Py_INCREF(between[i]);
            PyTuple_SET_ITEM(pieces, 2 * i + 1, between[i]);
        }
    }
    text = PyUnicode_Join(empty, pieces);
done:
    Py_XDECREF(pieces);
    for (int i = 0; i < 6; i++)
        Py_XDECREF(made[i]);
    return text;
}

/* Whether a str holds a surrogate code point: the one thing that makes str.encode("utf-8")
   fail, and the test stream.guarded makes of each file's part before writing it (a lone
   surrogate from a broken reader or an undecodable file name). Encoding the part only to
   test it cost ~13 instructions a character (the UCS-2 encoder, on JSON that is mostly
   ASCII held as UCS-2), and the part is encoded again where it is written; this reads the
   code units in blocks with no branch inside a block (~2 a character). A one-byte str holds
   none. */
static int
ucs2_has_surrogate(const Py_UCS2 *p, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i < n; i += 1024) {
        Py_ssize_t m = n - i < 1024 ? n - i : 1024;
        unsigned int found = 0;
        for (Py_ssize_t j = 0; j < m; j++)
            found |= (p[i + j] & 0xF800) == 0xD800;
        if (found)
            return 1;
    }
    return 0;
}

static PyObject *
has_surrogate(PyObject *module, PyObject *text)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "has_surrogate() takes a str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int found = 0;
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND:
        break;
    case PyUnicode_2BYTE_KIND:
        found = ucs2_has_surrogate(PyUnicode_2BYTE_DATA(text), n);
        break;
    default: {
        const Py_UCS4 *p = PyUnicode_4BYTE_DATA(text);
        for (Py_ssize_t i = 0; i < n && !found; i++)
            found = p[i] >= 0xD800 && p[i] <= 0xDFFF;
    }
    }
    return PyBool_FromLong(found);
}


/* ---- A whole file's part, as UTF-8, in one call (round 28) ----------------------------------

   document_part(found, starts, text_length, locate) -> bytes | None

   The JSON part of one file (stream.file_text's, items joined by ",\n", encoded to UTF-8)
   written straight into one byte buffer: every finding's fields read from their slots, each
   string escaped as json's encode_basestring escapes it (ensure_ascii off) and written as
   UTF-8, each number as int.__repr__ writes it. Per finding, the Python side had a template
   call, the fix's own template, a C join of thirty-one pieces into a str held as UCS-2, the
   file's join of those and one UTF-8 encode of the whole: ~40,000 instructions a finding.

   Only what the Python template writes without surprises is written here: findings of the
   exact classes configure() named, every field of its contract's exact type (str, int,
   tuple, Location), severities and applicabilities of the two enums, no surrogate in any
   string (UTF-8 cannot hold one: the Python path raises the error LNT905 names). For anything
   else, and if ``locate`` raises, None is returned and the caller writes the part with the
   Python template, which stays the reference (tests/test_json_document_part.py compares the
   two). ``starts`` and ``text_length`` are the document's LineIndex (identity offsets only):
   an edit on its finding's line is located from the line's start, as json_format._fix_text
   does; every other edit and every label through ``locate``. */

#define BUF_FIRST_CAPACITY 4096
#include "../_byte_buffer.h"

static int
buf_put(Buf *b, const char *s, Py_ssize_t n)
{
    if (buf_reserve(b, n) < 0)
        return -1;
    memcpy(b->p + b->n, s, n);
    b->n += n;
    return 0;
}

#define PUT(b, lit) buf_put((b), (lit), (Py_ssize_t)(sizeof(lit) - 1))

/* A number in decimal, as int.__repr__ writes it. */
static int
buf_decimal(Buf *b, long long x)
{
    char digits[24];
    int k = 0;
    unsigned long long u = x < 0 ? 0ULL - (unsigned long long)x : (unsigned long long)x;
    do {
        digits[k++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (buf_reserve(b, k + 1) < 0)
        return -1;
    if (x < 0)
        b->p[b->n++] = '-';
    while (k)
        b->p[b->n++] = digits[--k];
    return 0;
}

/* A Python int as int.__repr__ writes it; -1 for anything else (not an exact int, or beyond
   a long long: the Python path writes those). */
static int
buf_int(Buf *b, PyObject *v)
{
    if (!PyLong_CheckExact(v))
        return -1;
    int overflow = 0;
    long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
    if (overflow || (x == -1 && PyErr_Occurred()))
        return -1;
    return buf_decimal(b, x);
}

/* One code point as json's encode_basestring writes it (ensure_ascii off: " \ and the controls
   escaped, \u00xx in lower-case hex for the controls without a short form), in UTF-8; -1 for
   a surrogate, which UTF-8 cannot hold. */
static inline int
escaped_char(char **po, Py_UCS4 c)
{
    static const char hex[] = "0123456789abcdef";
    char *o = *po;
    if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
            *o++ = (char)c;
        } else {
            *o++ = '\\';
            switch (c) {
            case '"': *o++ = '"'; break;
            case '\\': *o++ = '\\'; break;
            case '\b': *o++ = 'b'; break;
            case '\f': *o++ = 'f'; break;
            case '\n': *o++ = 'n'; break;
            case '\r': *o++ = 'r'; break;
            case '\t': *o++ = 't'; break;
            default:
                *o++ = 'u'; *o++ = '0'; *o++ = '0';
                *o++ = hex[(c >> 4) & 0xf]; *o++ = hex[c & 0xf];
            }
        }
    } else if (c < 0x800) {
        *o++ = (char)(0xC0 | (c >> 6));
        *o++ = (char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        if (c >= 0xD800 && c <= 0xDFFF)
            return -1;
        *o++ = (char)(0xE0 | (c >> 12));
        *o++ = (char)(0x80 | ((c >> 6) & 0x3F));
        *o++ = (char)(0x80 | (c & 0x3F));
    } else {
        *o++ = (char)(0xF0 | (c >> 18));
        *o++ = (char)(0x80 | ((c >> 12) & 0x3F));
        *o++ = (char)(0x80 | ((c >> 6) & 0x3F));
        *o++ = (char)(0x80 | (c & 0x3F));
    }
    *po = o;
    return 0;
}

/* An exact str escaped (escaped_char) in quotes; -1 for anything else and for a str holding
   a surrogate. One loop per kind of str (the kind is not asked again at every character). */
static int
buf_string(Buf *b, PyObject *s)
{
    if (!PyUnicode_CheckExact(s) || PyUnicode_READY(s) < 0)
        return -1;
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (n > (PY_SSIZE_T_MAX - 2) / 6 || buf_reserve(b, 6 * n + 2) < 0)
        return -1;
    const void *data = PyUnicode_DATA(s);
    char *o = b->p + b->n;
    *o++ = '"';
    switch (PyUnicode_KIND(s)) {
    case PyUnicode_1BYTE_KIND: {
        const Py_UCS1 *q = data;
        for (Py_ssize_t i = 0; i < n; i++)
            escaped_char(&o, q[i]);  /* (no surrogate in one byte) */
        break;
    }
    case PyUnicode_2BYTE_KIND: {
        const Py_UCS2 *q = data;
        for (Py_ssize_t i = 0; i < n; i++)
            if (escaped_char(&o, q[i]) < 0)
                return -1;
        break;
    }
    default: {
        const Py_UCS4 *q = data;
        for (Py_ssize_t i = 0; i < n; i++)
            if (escaped_char(&o, q[i]) < 0)
                return -1;
    }
    }
    *o++ = '"';
    b->n = o - b->p;
    return 0;
}

/* A text the Python side wrote already (an enum's JSON string): its bytes as they are. */
static int
buf_text(Buf *b, PyObject *s)
{
    Py_ssize_t n;
    const char *u = PyUnicode_Check(s) ? PyUnicode_AsUTF8AndSize(s, &n) : NULL;
    if (u == NULL)
        return -1;
    return buf_put(b, u, n);
}

/* What configure() was given: the classes whose slots are read, by offset. */
enum { D_CODE, D_NAME, D_SEVERITY, D_MESSAGE, D_PATH, D_START, D_END, D_LOCATION, D_END_LOCATION,
       D_HELP, D_FIXES, D_LABELS, D_NOTES, D_MATCHED, D_FINGERPRINT, N_D };
static const char *const D_NAMES[N_D] = {"code", "name", "severity", "message", "path", "start", "end",
                                         "location", "end_location", "help", "fixes", "labels", "notes",
                                         "matched", "fingerprint"};
enum { F_EDITS, F_APPLICABILITY, F_TITLE, N_F };
static const char *const F_NAMES[N_F] = {"edits", "applicability", "title"};
enum { E_START, E_END, E_CONTENT, N_E };
static const char *const E_NAMES[N_E] = {"start", "end", "content"};
enum { L_START, L_END, L_MESSAGE, N_L };
static const char *const L_NAMES[N_L] = {"start", "end", "message"};

static PyTypeObject *diagnostic_type, *location_type, *fix_type, *edit_type, *label_type,
    *severity_type, *applicability_type;
static PyObject *severity_texts, *applicability_texts, *display_only;
static Py_ssize_t d_off[N_D], f_off[N_F], e_off[N_E], l_off[N_L];


static PyObject *
configure(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 10) {
        PyErr_SetString(PyExc_TypeError, "configure() takes 10 arguments");
        return NULL;
    }
    for (int i = 0; i < 7; i++)
        if (!PyType_Check(args[i])) {
            PyErr_SetString(PyExc_TypeError, "configure(): the first seven are classes");
            return NULL;
        }
    if (!PyDict_Check(args[7]) || !PyDict_Check(args[8])) {
        PyErr_SetString(PyExc_TypeError, "configure(): the enums' texts are dicts");
        return NULL;
    }
    PyTypeObject *d = (PyTypeObject *)args[0], *f = (PyTypeObject *)args[2], *e = (PyTypeObject *)args[3],
                 *l = (PyTypeObject *)args[4];
    if (slot_offsets(d, D_NAMES, N_D, d_off) < 0 || slot_offsets(f, F_NAMES, N_F, f_off) < 0
        || slot_offsets(e, E_NAMES, N_E, e_off) < 0 || slot_offsets(l, L_NAMES, N_L, l_off) < 0)
        return NULL;
    PyObject **keep[10] = {(PyObject **)&diagnostic_type, (PyObject **)&location_type, (PyObject **)&fix_type,
                           (PyObject **)&edit_type, (PyObject **)&label_type, (PyObject **)&severity_type,
                           (PyObject **)&applicability_type, &severity_texts, &applicability_texts,
                           &display_only};
    for (int i = 0; i < 10; i++) {
        Py_INCREF(args[i]);
        Py_XSETREF(*keep[i], args[i]);
    }
    Py_RETURN_NONE;
}

/* A Location's line and column, of the exact named tuple with two exact ints. */
static int
buf_location(Buf *b, PyObject *loc, int pad)
{
    static const char spaces[] = "                ";
    if (Py_TYPE(loc) != location_type || PyTuple_GET_SIZE(loc) != 2 || pad > 14)
        return -1;
    if (PUT(b, "{\n") < 0 || buf_put(b, spaces, pad + 2) < 0 || PUT(b, "\"line\": ") < 0
        || buf_int(b, PyTuple_GET_ITEM(loc, 0)) < 0 || PUT(b, ",\n") < 0 || buf_put(b, spaces, pad + 2) < 0
        || PUT(b, "\"column\": ") < 0 || buf_int(b, PyTuple_GET_ITEM(loc, 1)) < 0 || PUT(b, "\n") < 0
        || buf_put(b, spaces, pad) < 0 || PUT(b, "}") < 0)
        return -1;
    return 0;
}

/* locate(offset) written as a location (json_format._loc_text). */
static int
buf_located(Buf *b, PyObject *locate, PyObject *offset, int pad)
{
    PyObject *loc = PyObject_CallOneArg(locate, offset);
    if (loc == NULL)
        return -1;
    int r = buf_location(b, loc, pad);
    Py_DECREF(loc);
    return r;
}

/* An edit's offset: on the finding's line [first, after) from its start (line, column as
   LineIndex.locate counts them), elsewhere through locate (json_format._edit_loc_text). */
static int
buf_edit_location(Buf *b, PyObject *offset, long long line, long long first, long long after,
                  PyObject *locate)
{
    if (!PyLong_CheckExact(offset))
        return -1;
    int overflow = 0;
    long long x = PyLong_AsLongLongAndOverflow(offset, &overflow);
    if (overflow || (x == -1 && PyErr_Occurred()))
        return -1;
    if (first <= x && x < after)  /* (written by hand: snprintf cost ~1,300 instructions an edit) */
        return (PUT(b, "{\n            \"line\": ") < 0 || buf_decimal(b, line) < 0
                || PUT(b, ",\n            \"column\": ") < 0 || buf_decimal(b, x - first + 1) < 0
                || PUT(b, "\n          }") < 0) ? -1 : 0;
    return buf_located(b, locate, offset, 10);
}

static int
buf_fix(Buf *b, PyObject *fix, PyObject *location, PyObject *starts, long long text_length, PyObject *locate)
{
    if (Py_TYPE(fix) != fix_type)
        return -1;
    PyObject *edits = SLOT(fix, f_off[F_EDITS]), *kind = SLOT(fix, f_off[F_APPLICABILITY]),
             *title = SLOT(fix, f_off[F_TITLE]);
    if (edits == NULL || kind == NULL || title == NULL || !PyTuple_CheckExact(edits)
        || Py_TYPE(kind) != applicability_type)
        return -1;
    PyObject *kind_text = PyDict_GetItemWithError(applicability_texts, kind);
    if (kind_text == NULL)
        return -1;
    /* _line_of: the finding's line, its start and the next line's start */
    long long line = 0, first = 0, after = 0;
    PyObject *line_obj = PyTuple_GET_ITEM(location, 0);  /* an exact int: checked by the caller */
    long long l = PyLong_AsLongLong(line_obj);
    if (l == -1 && PyErr_Occurred())
        return -1;
    Py_ssize_t count = PyList_GET_SIZE(starts);
    if (0 < l && l <= count) {
        line = l;
        first = PyLong_AsLongLong(PyList_GET_ITEM(starts, l - 1));
        after = l < count ? PyLong_AsLongLong(PyList_GET_ITEM(starts, l)) : text_length + 1;
        if (PyErr_Occurred())
            return -1;
    }
    if (PUT(b, "{\n      \"applicability\": ") < 0 || buf_text(b, kind_text) < 0
        || PUT(b, ",\n      \"message\": ") < 0 || buf_string(b, title) < 0 || PUT(b, ",\n      \"edits\": ") < 0)
        return -1;
    Py_ssize_t n = PyTuple_GET_SIZE(edits);
    if (n == 0) {
        if (PUT(b, "[]") < 0)
            return -1;
    } else {
        if (PUT(b, "[\n        ") < 0)
            return -1;
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *e = PyTuple_GET_ITEM(edits, i);
            if (Py_TYPE(e) != edit_type)
                return -1;
            PyObject *start = SLOT(e, e_off[E_START]), *end = SLOT(e, e_off[E_END]),
                     *content = SLOT(e, e_off[E_CONTENT]);
            if (start == NULL || end == NULL || content == NULL)
                return -1;
            if ((i && PUT(b, ",\n        ") < 0) || PUT(b, "{\n          \"content\": ") < 0
                || buf_string(b, content) < 0 || PUT(b, ",\n          \"location\": ") < 0
                || buf_edit_location(b, start, line, first, after, locate) < 0
                || PUT(b, ",\n          \"end_location\": ") < 0
                || buf_edit_location(b, end, line, first, after, locate) < 0 || PUT(b, "\n        }") < 0)
                return -1;
        }
        if (PUT(b, "\n      ]") < 0)
            return -1;
    }
    return PUT(b, "\n    }");
}

static int
buf_finding(Buf *b, PyObject *d, PyObject *starts, long long text_length, PyObject *locate)
{
    if (Py_TYPE(d) != diagnostic_type)
        return -1;
    PyObject *v[N_D];
    for (int i = 0; i < N_D; i++)
        if ((v[i] = SLOT(d, d_off[i])) == NULL)
            return -1;
    PyObject *severity = v[D_SEVERITY], *fixes = v[D_FIXES], *labels = v[D_LABELS], *notes = v[D_NOTES];
    if (Py_TYPE(severity) != severity_type || !PyTuple_CheckExact(fixes) || !PyTuple_CheckExact(labels)
        || !PyTuple_CheckExact(notes) || Py_TYPE(v[D_LOCATION]) != location_type
        || PyTuple_GET_SIZE(v[D_LOCATION]) != 2 || !PyLong_CheckExact(PyTuple_GET_ITEM(v[D_LOCATION], 0)))
        return -1;
    PyObject *severity_text = PyDict_GetItemWithError(severity_texts, severity);
    if (severity_text == NULL)
        return -1;
    if (PUT(b, "  {\n    \"path\": ") < 0 || buf_string(b, v[D_PATH]) < 0
        || PUT(b, ",\n    \"code\": ") < 0 || buf_string(b, v[D_CODE]) < 0
        || PUT(b, ",\n    \"name\": ") < 0 || buf_string(b, v[D_NAME]) < 0
        || PUT(b, ",\n    \"severity\": ") < 0 || buf_text(b, severity_text) < 0
        || PUT(b, ",\n    \"message\": ") < 0 || buf_string(b, v[D_MESSAGE]) < 0
        || PUT(b, ",\n    \"help\": ") < 0
        || (v[D_HELP] == Py_None ? PUT(b, "null") : buf_string(b, v[D_HELP])) < 0
        || PUT(b, ",\n    \"location\": ") < 0 || buf_location(b, v[D_LOCATION], 4) < 0
        || PUT(b, ",\n    \"end_location\": ") < 0 || buf_location(b, v[D_END_LOCATION], 4) < 0
        || PUT(b, ",\n    \"offset\": {\n      \"start\": ") < 0 || buf_int(b, v[D_START]) < 0
        || PUT(b, ",\n      \"end\": ") < 0 || buf_int(b, v[D_END]) < 0
        || PUT(b, "\n    },\n    \"text\": ") < 0 || buf_string(b, v[D_MATCHED]) < 0
        || PUT(b, ",\n    \"fix\": ") < 0)
        return -1;
    /* Diagnostic.fix: the first fix that is not display-only, else the first */
    Py_ssize_t nf = PyTuple_GET_SIZE(fixes);
    if (nf == 0) {
        if (PUT(b, "null") < 0)
            return -1;
    } else {
        PyObject *fix = PyTuple_GET_ITEM(fixes, 0);
        for (Py_ssize_t i = 0; i < nf; i++) {
            PyObject *f = PyTuple_GET_ITEM(fixes, i);
            if (Py_TYPE(f) != fix_type || SLOT(f, f_off[F_APPLICABILITY]) == NULL)
                return -1;
            if (SLOT(f, f_off[F_APPLICABILITY]) != display_only) {
                fix = f;
                break;
            }
        }
        if (buf_fix(b, fix, v[D_LOCATION], starts, text_length, locate) < 0)
            return -1;
    }
    if (PUT(b, ",\n    \"labels\": ") < 0)
        return -1;
    Py_ssize_t nl = PyTuple_GET_SIZE(labels);
    if (nl == 0) {
        if (PUT(b, "[]") < 0)
            return -1;
    } else {
        if (PUT(b, "[\n      ") < 0)
            return -1;
        for (Py_ssize_t i = 0; i < nl; i++) {
            PyObject *label = PyTuple_GET_ITEM(labels, i);
            if (Py_TYPE(label) != label_type)
                return -1;
            PyObject *start = SLOT(label, l_off[L_START]), *end = SLOT(label, l_off[L_END]),
                     *message = SLOT(label, l_off[L_MESSAGE]);
            if (start == NULL || end == NULL || message == NULL)
                return -1;
            if ((i && PUT(b, ",\n      ") < 0) || PUT(b, "{\n        \"message\": ") < 0
                || buf_string(b, message) < 0 || PUT(b, ",\n        \"location\": ") < 0
                || buf_located(b, locate, start, 8) < 0 || PUT(b, ",\n        \"end_location\": ") < 0
                || buf_located(b, locate, end, 8) < 0 || PUT(b, "\n      }") < 0)
                return -1;
        }
        if (PUT(b, "\n    ]") < 0)
            return -1;
    }
    if (PUT(b, ",\n    \"notes\": ") < 0)
        return -1;
    Py_ssize_t nn = PyTuple_GET_SIZE(notes);
    if (nn == 0) {
        if (PUT(b, "[]") < 0)
            return -1;
    } else {
        if (PUT(b, "[\n      ") < 0)
            return -1;
        for (Py_ssize_t i = 0; i < nn; i++)
            if ((i && PUT(b, ",\n      ") < 0) || buf_string(b, PyTuple_GET_ITEM(notes, i)) < 0)
                return -1;
        if (PUT(b, "\n    ]") < 0)
            return -1;
    }
    if (PUT(b, ",\n    \"fingerprint\": ") < 0 || buf_string(b, v[D_FINGERPRINT]) < 0 || PUT(b, "\n  }") < 0)
        return -1;
    return 0;
}

static PyObject *
document_part(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "document_part() takes 4 arguments");
        return NULL;
    }
    PyObject *found = args[0], *starts = args[1], *locate = args[3];
    if (diagnostic_type == NULL || !PyList_CheckExact(found) || !PyList_CheckExact(starts)
        || !PyLong_CheckExact(args[2]))
        Py_RETURN_NONE;
    long long text_length = PyLong_AsLongLong(args[2]);
    if (text_length == -1 && PyErr_Occurred()) {
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    /* the list is read, never changed here: a finding's locate is the document's own */
    Buf b = {NULL, 0, 0};
    PyObject *result = NULL;
    Py_ssize_t n = PyList_GET_SIZE(found);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *d = PyList_GET_ITEM(found, i);
        Py_INCREF(d);  /* held while locate (Python) runs */
        int r = (i && PUT(&b, ",\n") < 0) ? -1 : buf_finding(&b, d, starts, text_length, locate);
        Py_DECREF(d);
        if (r < 0)
            goto decline;
        if (n != PyList_GET_SIZE(found))  /* a locate that changed the list: not ours to write */
            goto decline;
    }
    result = PyBytes_FromStringAndSize(b.p ? b.p : "", b.n);
    PyMem_Free(b.p);
    return result;
decline:
    PyMem_Free(b.p);
    if (PyErr_Occurred() && !PyErr_ExceptionMatches(PyExc_Exception))
        return NULL;  /* KeyboardInterrupt and the like pass */
    PyErr_Clear();
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"item", (PyCFunction)(void (*)(void))item, METH_FASTCALL,
     "item(path_text, rule_lines, message, help, location, end_location, start, end, matched, "
     "fix_text, labels_text, notes_text, fingerprint, location_type, escape): one finding's JSON"},
    {"one_edit_fix", (PyCFunction)(void (*)(void))one_edit_fix, METH_FASTCALL,
     "one_edit_fix(kind_text, title, content, line, start_column, end_column, escape): "
     "a fix of one edit on its finding's line, as JSON"},
    {"configure", (PyCFunction)(void (*)(void))configure, METH_FASTCALL,
     "configure(Diagnostic, Location, Fix, Edit, Label, Severity, Applicability, severity_texts, "
     "applicability_texts, display_only): the classes document_part reads"},
    {"document_part", (PyCFunction)(void (*)(void))document_part, METH_FASTCALL,
     "document_part(found, starts, text_length, locate): one file's JSON part as UTF-8, or None "
     "where the Python template is to write it"},
    {"has_surrogate", (PyCFunction)has_surrogate, METH_O,
     "has_surrogate(text): whether text holds a surrogate code point (what UTF-8 cannot encode)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_json_item", NULL, -1, methods};

PyMODINIT_FUNC
PyInit__json_item(void)
{
    for (int i = 0; i < N_FIXED; i++) {
        fixed[i] = PyUnicode_InternFromString(FIXED[i]);
        if (fixed[i] == NULL)
            return NULL;
    }
    for (int i = 0; i < N_FIX_FIXED; i++) {
        fix_fixed[i] = PyUnicode_InternFromString(FIX_FIXED[i]);
        if (fix_fixed[i] == NULL)
            return NULL;
    }
    empty = PyUnicode_InternFromString("");
    null_text = PyUnicode_InternFromString("null");
    line_name = PyUnicode_InternFromString("line");
    column_name = PyUnicode_InternFromString("column");
    if (empty == NULL || null_text == NULL || line_name == NULL || column_name == NULL)
        return NULL;
    return PyModule_Create(&module);
}
