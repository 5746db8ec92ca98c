/* The segmentation dictionary read in C where Python paid per line or per group
 * (gongwen.analysis.segmentation._Frequencies): a character's line found by bisection over
 * the file's bytes, and one group of it parsed in one pass (the words that begin with one
 * pair of characters, their counts, the length of the longest).
 *
 * A line of ``segmentation_dict.txt`` holds the groups of one first character, tab-separated
 * in the order of its second characters; a common character's line is 20-50 KB. Python split
 * the 4.8 MB file into its 11,800 lines to bisect them (~3.4 ms a process), split a line into
 * its thousands of groups at its first use, then decoded, split and converted a group in five
 * passes: the cold segmentation's largest cost. Here the file stays one buffer, a group is
 * reached by hopping over the tabs before it and parsed once.
 *
 * The Python paths (the lines split and bisected, _Frequencies._python_group_words) are the
 * reference and what runs where this is not built: tests/analysis/test_word_groups.py compares
 * them on every line and group of the shipped dictionary and on generated ones. Both expect
 * the builder's well-formed lines: ``<word> <count>`` pairs parted by single spaces, at least
 * one a group. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

/* int(token) for a count: ASCII digits directly, anything else as int() reads a str. */
static PyObject *
count_of(const char *s, Py_ssize_t len)
{
    if (len > 0 && len <= 18) {
        long long value = 0;
        Py_ssize_t i = 0;
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
            value = value * 10 + (s[i] - '0');
        }
        if (i == len) {
            return PyLong_FromLongLong(value);
        }
    }
    PyObject *text = PyUnicode_DecodeUTF8(s, len, "strict");
    if (text == NULL) {
        return NULL;
    }
    PyObject *value = PyLong_FromUnicodeObject(text, 10);
    Py_DECREF(text);
    return value;
}

/* The characters of a word that word_of decodes itself: longer words go to the general decoder. */
#define SHORT_WORD 32

/* A word's UTF-8 bytes [s, s + len) as a str, equal to PyUnicode_DecodeUTF8(s, len, "strict"):
 * a word of one- to three-byte characters (every word of the shipped dictionary) decoded here,
 * anything else (a longer word, four-byte characters, bytes that are not well-formed) by the
 * general decoder, which also raises its error. Decoding the 31,000 words a run parses
 * cost more than anything else of the parse: the general decoder's set-up for each of them
 * (~1,400 instructions a word against ~250 here). */
static PyObject *
word_of(const char *s, Py_ssize_t len)
{
    Py_UCS4 chars[SHORT_WORD], maxchar = 0;
    Py_ssize_t n = 0;
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        unsigned int c = p[0];
        Py_UCS4 ch;
        if (n == SHORT_WORD) {
            return PyUnicode_DecodeUTF8(s, len, "strict");
        }
        if (c < 0x80) {
            ch = c;
            p += 1;
        }
        else if (c >= 0xC2 && c <= 0xDF && end - p >= 2 && (p[1] & 0xC0) == 0x80) {
            ch = ((Py_UCS4)(c & 0x1F) << 6) | (p[1] & 0x3F);
            p += 2;
        }
        else if (c >= 0xE0 && c <= 0xEF && end - p >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
            ch = ((Py_UCS4)(c & 0x0F) << 12) | ((Py_UCS4)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
            if (ch < 0x800 || (ch >= 0xD800 && ch <= 0xDFFF)) { /* overlong, or a surrogate */
                return PyUnicode_DecodeUTF8(s, len, "strict");
            }
            p += 3;
        }
        else {
            return PyUnicode_DecodeUTF8(s, len, "strict");
        }
        chars[n++] = ch;
        if (ch > maxchar) {
            maxchar = ch;
        }
    }
    PyObject *word = PyUnicode_New(n, maxchar);
    if (word == NULL) {
        return NULL;
    }
    int kind = PyUnicode_KIND(word);
    void *data = PyUnicode_DATA(word);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyUnicode_WRITE(kind, data, i, chars[i]);
    }
    return word;
}

static PyObject *group_words(const char *p, const char *end, Py_ssize_t at);

PyDoc_STRVAR(parse_doc,
"parse(data, body, at, end) -> (counts, longest)\n\n"
"The ``at``-th tab-separated group of ``data[body:end]`` (one line's groups),\n"
"``<word> <count> ...``, as a dict of words (str) to counts (int), and the length of the\n"
"longest word.");

static PyObject *
parse(PyObject *self, PyObject *args)
{
    Py_buffer data;
    Py_ssize_t body, at, stop_at;
    if (!PyArg_ParseTuple(args, "y*nnn", &data, &body, &at, &stop_at)) {
        return NULL;
    }
    PyObject *result = NULL;
    if (body < 0 || stop_at < body || stop_at > data.len || at < 0) {
        PyErr_SetString(PyExc_ValueError, "body, at or end out of range");
        goto done;
    }
    result = group_words((const char *)data.buf + body, (const char *)data.buf + stop_at, at);
done:
    PyBuffer_Release(&data);
    return result;
}

/* The bisection of find_line: whether the line [s, s + len) sorts before key, as bytes do. */
static int
line_before(const char *s, Py_ssize_t len, const char *key, Py_ssize_t klen)
{
    int c = memcmp(s, key, (size_t)(len < klen ? len : klen));
    return c < 0 || (c == 0 && len < klen);
}

/* Where line k ends: before the next line's start (its newline), or at the data's end less
 * a final newline. */
static Py_ssize_t
line_end(const char *base, Py_ssize_t n, const Py_ssize_t *starts, Py_ssize_t lines, Py_ssize_t k)
{
    if (k + 1 < lines) {
        return starts[k + 1] - 1;
    }
    return n > starts[k] && base[n - 1] == '\n' ? n - 1 : n;
}

PyDoc_STRVAR(line_index_doc,
"line_index(data, body) -> bytes\n\n"
"Where each line of ``data`` from byte ``body`` on starts (a trailing empty line left out),\n"
"packed as native Py_ssize_t: what find_line bisects. One scan for newlines.");

static PyObject *
line_index(PyObject *self, PyObject *args)
{
    Py_buffer data;
    Py_ssize_t body;
    if (!PyArg_ParseTuple(args, "y*n", &data, &body)) {
        return NULL;
    }
    const char *base = data.buf;
    Py_ssize_t n = data.len, count = 0;
    PyObject *result = NULL;
    if (body < 0 || body > n) {
        PyErr_SetString(PyExc_ValueError, "body out of range");
        goto done;
    }
    for (Py_ssize_t at = body; at < n; count++) {
        const char *newline = memchr(base + at, '\n', (size_t)(n - at));
        at = newline != NULL ? newline - base + 1 : n;
    }
    result = PyBytes_FromStringAndSize(NULL, count * (Py_ssize_t)sizeof(Py_ssize_t));
    if (result == NULL) {
        goto done;
    }
    Py_ssize_t *starts = (Py_ssize_t *)PyBytes_AS_STRING(result), k = 0;
    for (Py_ssize_t at = body; at < n; k++) {
        starts[k] = at;
        const char *newline = memchr(base + at, '\n', (size_t)(n - at));
        at = newline != NULL ? newline - base + 1 : n;
    }
done:
    PyBuffer_Release(&data);
    return result;
}

/* The line of [base, base + n) that begins with key (its lines starting where `starts` says,
 * sorted as bytes), by bisection as bisect_left over the lines would: 1 with its start and end
 * (its newline or the data's end) in *s and *e, 0 when none begins with it, -1 on an index of
 * other data (an error set). */
static int
line_of(const char *base, Py_ssize_t n, const Py_ssize_t *starts, Py_ssize_t lines, const char *key,
        Py_ssize_t klen, Py_ssize_t *s, Py_ssize_t *e)
{
    if (lines > 0 && (starts[0] < 0 || starts[lines - 1] > n)) {
        PyErr_SetString(PyExc_ValueError, "an index of other data");
        return -1;
    }
    Py_ssize_t lo = 0, hi = lines;
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (line_before(base + starts[mid], line_end(base, n, starts, lines, mid) - starts[mid], key, klen)) {
            lo = mid + 1;
        }
        else {
            hi = mid;
        }
    }
    if (lo < lines) {
        *s = starts[lo];
        *e = line_end(base, n, starts, lines, lo);
        if (*e - *s >= klen && memcmp(base + *s, key, (size_t)klen) == 0) {
            return 1;
        }
    }
    return 0;
}

PyDoc_STRVAR(find_line_doc,
"find_line(data, index, key) -> (start, end) or None\n\n"
"The line of ``data`` that begins with ``key``, its lines (where ``index``, line_index's,\n"
"says they start) sorted as bytes: found by bisection, as bisect_left over the lines would;\n"
"where it starts and where it ends (its newline or the end of the data).");

static PyObject *
find_line(PyObject *self, PyObject *args)
{
    Py_buffer data, index;
    const char *key;
    Py_ssize_t klen;
    if (!PyArg_ParseTuple(args, "y*y*y#", &data, &index, &key, &klen)) {
        return NULL;
    }
    Py_ssize_t s, e;
    int found = line_of(data.buf, data.len, index.buf, index.len / (Py_ssize_t)sizeof(Py_ssize_t), key, klen, &s, &e);
    PyObject *result = found < 0 ? NULL : found ? Py_BuildValue("(nn)", s, e) : Py_NewRef(Py_None);
    PyBuffer_Release(&data);
    PyBuffer_Release(&index);
    return result;
}

PyDoc_STRVAR(group_fields_doc,
"group_fields(data, index, first) -> (count, seconds, body, end) or None\n\n"
"The line of the words that begin with the character whose UTF-8 is ``first`` (found as\n"
"find_line finds first + tab), read as _Frequencies._python_group_fields reads it:\n"
"``<first>\\t<count or nothing>\\t<second characters>[\\t<group>...]``: the count as an int\n"
"(None when empty), the second characters as a str, and where the groups begin and end\n"
"(both the line's end when it has none). None when no line begins with it.");

static PyObject *
group_fields(PyObject *self, PyObject *args)
{
    Py_buffer data, index;
    const char *first;
    Py_ssize_t flen;
    if (!PyArg_ParseTuple(args, "y*y*y#", &data, &index, &first, &flen)) {
        return NULL;
    }
    PyObject *result = NULL, *count = NULL, *seconds = NULL;
    char *key = PyMem_Malloc((size_t)flen + 1);
    if (key == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    memcpy(key, first, (size_t)flen);
    key[flen] = '\t';
    const char *base = data.buf;
    Py_ssize_t s, e;
    int found = line_of(base, data.len, index.buf, index.len / (Py_ssize_t)sizeof(Py_ssize_t), key, flen + 1, &s, &e);
    PyMem_Free(key);
    if (found <= 0) {
        result = found < 0 ? NULL : Py_NewRef(Py_None);
        goto done;
    }
    const char *count_at = base + s + flen + 1;
    const char *end = base + e;
    const char *count_end = memchr(count_at, '\t', (size_t)(end - count_at));
    if (count_end == NULL) {
        PyErr_SetString(PyExc_ValueError, "a line without its second characters");
        goto done;
    }
    const char *seconds_at = count_end + 1;
    const char *seconds_end = memchr(seconds_at, '\t', (size_t)(end - seconds_at));
    const char *body = seconds_end != NULL ? seconds_end + 1 : end;
    if (seconds_end == NULL) {
        seconds_end = end;
    }
    count = count_end > count_at ? count_of(count_at, count_end - count_at) : Py_NewRef(Py_None);
    seconds = count == NULL ? NULL : PyUnicode_DecodeUTF8(seconds_at, seconds_end - seconds_at, "strict");
    if (seconds != NULL) {
        result = Py_BuildValue("(OOnn)", count, seconds, (Py_ssize_t)(body - base), e);
    }
done:
    Py_XDECREF(count);
    Py_XDECREF(seconds);
    PyBuffer_Release(&data);
    PyBuffer_Release(&index);
    return result;
}

/* parse's work: the at-th group of the line's groups [p, end). */
static PyObject *
group_words(const char *p, const char *end, Py_ssize_t at)
{
    for (Py_ssize_t i = 0; i < at; i++) {
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        if (tab == NULL) {
            PyErr_SetString(PyExc_IndexError, "the line has fewer groups");
            return NULL;
        }
        p = tab + 1;
    }
    const char *stop = memchr(p, '\t', (size_t)(end - p));
    if (stop == NULL) {
        stop = end;
    }
    PyObject *counts = PyDict_New();
    if (counts == NULL) {
        return NULL;
    }
    Py_ssize_t longest = 0;
    for (;;) {
        const char *space = memchr(p, ' ', (size_t)(stop - p));
        if (space == NULL) {
            break; /* a word without a count (none in the builder's lines): zip drops it */
        }
        const char *count_at = space + 1;
        const char *next = memchr(count_at, ' ', (size_t)(stop - count_at));
        const char *count_end = next != NULL ? next : stop;
        PyObject *word = word_of(p, space - p);
        if (word == NULL) {
            goto fail;
        }
        PyObject *count = count_of(count_at, count_end - count_at);
        if (count == NULL || PyDict_SetItem(counts, word, count) < 0) {
            Py_DECREF(word);
            Py_XDECREF(count);
            goto fail;
        }
        if (PyUnicode_GET_LENGTH(word) > longest) {
            longest = PyUnicode_GET_LENGTH(word);
        }
        Py_DECREF(word);
        Py_DECREF(count);
        if (next == NULL) {
            break;
        }
        p = next + 1;
    }
    if (PyDict_GET_SIZE(counts) == 0) {
        PyErr_SetString(PyExc_ValueError, "an empty group");
        goto fail;
    }
    return Py_BuildValue("(Nn)", counts, longest);
fail:
    Py_DECREF(counts);
    return NULL;
}

static PyMethodDef methods[] = {
    {"parse", parse, METH_VARARGS, parse_doc},
    {"line_index", line_index, METH_VARARGS, line_index_doc},
    {"find_line", find_line, METH_VARARGS, find_line_doc},
    {"group_fields", group_fields, METH_VARARGS, group_fields_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef definition = {
    PyModuleDef_HEAD_INIT, "_word_groups",
    "One group of the segmentation dictionary parsed in C (see segmentation._Frequencies).",
    0, methods, NULL,
};

PyMODINIT_FUNC
PyInit__word_groups(void)
{
    return PyModuleDef_Init(&definition);
}
