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

static PyMethodDef methods[] = {
    {"item", (PyCFunction)(void (*)(void))item, METH_FASTCALL,
     "item(path_text, rule_lines, message, help, location, end_location, start, end, matched, "
     "fix_text, labels_text, notes_text, fingerprint, location_type, escape): one finding's JSON"},
    {"one_edit_fix", (PyCFunction)(void (*)(void))one_edit_fix, METH_FASTCALL,
     "one_edit_fix(kind_text, title, content, line, start_column, end_column, escape): "
     "a fix of one edit on its finding's line, as JSON"},
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
