/* TYP013's screen (gongwen.analysis.char_screen) as one loop per character: the same questions
 * of the same arrays as the numpy path, asked place by place instead of array by array. On a
 * document of a few thousand characters the numpy path's cost is its ~400 calls, not their
 * elements; here a document costs one pass and the lookups its places need.
 *
 * The numpy path is the reference: every step below names the function of char_screen.py it
 * mirrors, computes its floating point in the same order, and tests/test_char_screen.py
 * compares the two over thousands of texts. Optional: when this does not build, char_screen
 * runs its numpy path. Plain CPython C API, arrays through the buffer protocol (no numpy
 * headers, so it builds without numpy and never imports it). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>

#define FIBONACCI 0x9E3779B97F4A7C15ULL /* char_screen._FIBONACCI */
#define CODE_POINTS 0x110000

/* char_screen._packed_table: (key + 1) above value_bits and the value below in one 64-bit word
 * a slot (0: empty), linear probing from Fibonacci homes, a tail instead of wrapping round. */
typedef struct {
    const uint64_t *slots;
    Py_ssize_t size;
    int shift, value_bits;
} Table;

static inline Py_ssize_t
table_home(const Table *t, int64_t key)
{
    return (Py_ssize_t)(((uint64_t)key * FIBONACCI) >> t->shift);
}

/* How many slots from a key's home table_get reads at once. */
#define WINDOW 4

/* In a run of the default rules the other rules' work between two documents evicts these
 * tables from the caches: two thirds of the screen's time there is waiting for memory (a
 * document screened again at once costs a third). The screen therefore asks for what it will
 * read before reading it, so that the misses overlap: the trigram of the coverage test this
 * many characters ahead; the next place's three contexts while judging this one (the
 * coverage is found for up to PLACE_BATCH places, then they are judged); a place's
 * continuations' first lines, and the bigrams usual() asks of its candidates, at once.
 * Not the written character's row of candidate bits (ten cache lines, of which the scan of the
 * continuations reads a few): asking for all of it cost 4 % of the screen's instructions and
 * no time measured in a run (round 17).
 * (Out of context, the tables warm, prefetching gains nothing: round 12's first screen.) */
#define COVERAGE_AHEAD 8
#define PLACE_BATCH 64  /* places found before they are judged: memory bounded whatever the text */
#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(address) __builtin_prefetch(address)
#else  /* MSVC and others: a hint only, the extension must still build */
#define PREFETCH(address) ((void)(address))
#endif

/* Ask the memory for the slot a look-up of key reads first, without waiting for it. Macros,
 * not functions: GCC takes a function that only prefetches for pure and drops calls to it
 * (a helper holding a place's prefetches compiled to nothing at -O1 and above). */
#define TABLE_PREFETCH(table, key) PREFETCH((table)->slots + table_home((table), (key)))

/* Look key up: with wants_value (a constant where inlined), its value, else 1; -1 if absent.
 * A key is in the run of full slots from its home and in no other slot, so the first WINDOW
 * slots from home answer at once when they hold the key or an empty slot (the table at most
 * three quarters full: nearly always), with no branch per slot: whether a key is known is as
 * good as random here (half the trigrams the coverage asks are unknown), and a branch per
 * probe cost a misprediction about once a look-up (11 % of the screen). Whether a key is
 * there is most of the look-ups (the coverage): asked without the value, the screen takes 1 %
 * fewer instructions. */
static inline int64_t
table_probe(const Table *t, int64_t key, int wants_value)
{
    uint64_t tag = (uint64_t)key + 1, mask = ((uint64_t)1 << t->value_bits) - 1;
    Py_ssize_t home = table_home(t, key);
    if (home + WINDOW <= t->size) {
        uint64_t hit = 0;
        int seen = 0, empty = 0;
        for (int i = 0; i < WINDOW; i++) {
            uint64_t entry = t->slots[home + i];
            if (wants_value)
                hit |= entry >> t->value_bits == tag ? entry : 0;
            else
                seen |= entry >> t->value_bits == tag;
            empty |= !entry;
        }
        if (wants_value ? hit != 0 : seen)
            return wants_value ? (int64_t)(hit & mask) : 1;
        if (empty)
            return -1;
        home += WINDOW;  /* a longer run: the rest of it, a slot at a time */
    }
    for (Py_ssize_t slot = home; slot < t->size; slot++) {
        uint64_t entry = t->slots[slot];
        if (!entry)
            return -1;
        if (entry >> t->value_bits == tag)
            return wants_value ? (int64_t)(entry & mask) : 1;
    }
    return -1;
}

/* The value of key, -1 if absent. */
static inline int64_t
table_get(const Table *t, int64_t key)
{
    return table_probe(t, key, 1);
}

/* The arrays of char_screen.ScreenArrays this reads, by their names in char_screen._ARRAYS. */
enum {
    ID_OF, CHARS, HAN, UNIGRAM, CANDIDATE_BOUNDS, CANDIDATE_IDS, CANDIDATE_GROUPS, HAS_ALTERNATIVE,
    BIGRAMS, TRIGRAMS, CONTEXTS, LAYOUT, CONTINUATIONS, CANDIDATE_BITS, WORDS, WORDS_LAYOUT, FUNCTION_IDS, READING_IDS,
    N_ARRAYS
};
static const char *const array_names[N_ARRAYS] = {
    "id_of", "chars", "han", "unigram", "candidate_bounds", "candidate_ids", "candidate_groups",
    "has_alternative", "bigrams.packed", "trigrams.packed", "contexts.packed", "packed_layout",
    "continuations16", "candidate_bits", "words.packed", "words_layout", "function_ids", "reading_ids",
};
static const int array_itemsize[N_ARRAYS] = {8, 8, 1, 8, 8, 8, 1, 1, 8, 8, 8, 8, 2, 8, 8, 8, 1, 2};

typedef struct {
    PyObject_HEAD
    Py_buffer views[N_ARRAYS];
    int held;  /* how many views are held (released on dealloc) */
    const int64_t *id_of, *chars, *unigram, *candidate_bounds, *candidate_ids;
    const int8_t *candidate_groups;
    const uint8_t *han, *has_alternative, *function;  /* function: per id, a function character */
    const uint16_t *continuations;
    const uint16_t *reading;  /* per id, its commonest reading's number, 0 if none (screen_backoff.word_parts) */
    const uint64_t *candidate_bits;  /* per character, bit_words words: a bit per candidate */
    uint8_t *flags;  /* per id but the last (any other character): Text's flag byte of its character */
    Py_ssize_t id_count, base, bit_words, continuation_count, most_candidates;
    double total;
    Table bigrams, trigrams, contexts;  /* bigram and trigram counts; a context's continuations */
    Table words;  /* the dictionary's two-character words: WORD, or COMMON (screen_backoff.word_parts) */
    int span_bits;  /* a context's value: where its continuations start << span_bits | how many */
    double *gains;  /* per candidate of a place (_answering_places), most_candidates long */
    int64_t *alts;
    int64_t *found;  /* per place, the candidates among its contexts' continuations (3 * most_candidates) */
} Model;

/* One screen's terms (char_screen.screen's arguments, SLACK, USUAL and BACK_OFF). */
typedef struct {
    double margin, gap, penalties[3], slack, back_off, backoff_margin;
    int64_t usual;
    double least_penalty;
    int falling;  /* every term of a span score is at most 0: back_off in [0, 1] (a count is at most the total) */
} Terms;

/* One text as the screen sees it: per character its id and whether it is Han (and whether it
 * is a Han character the screen asks about: one with candidates), and per start whether the
 * model knows the trigram there. Each array has PAD items before and after the text, not Han
 * (ids 0): a neighbour or a trigram past either end is then no Han character, with no test of
 * the bounds. */
#define PAD 2
#define IS_HAN 1
#define ASKED 2  /* Han, with candidates */
#define FUNCTION 4  /* a function character (screen_backoff.function_chars) */
/* screen_backoff's values of a pair in the words table */
#define WORD 1
#define COMMON 2
typedef struct {
    Py_ssize_t n;
    int32_t *ids;
    uint8_t *han, *known;
} Text;

static inline int prev1(const Text *t, Py_ssize_t p) { return t->han[p - 1] & IS_HAN; }
static inline int next1(const Text *t, Py_ssize_t p) { return t->han[p + 1] & IS_HAN; }
static inline int prev2(const Text *t, Py_ssize_t p) { return t->han[p - 2] & t->han[p - 1] & IS_HAN; }
static inline int next2(const Text *t, Py_ssize_t p) { return t->han[p + 2] & t->han[p + 1] & IS_HAN; }

static int64_t
bigram(const Model *m, int64_t a, int64_t b)
{
    int64_t count = table_get(&m->bigrams, a * m->base + b);
    return count < 0 ? 0 : count;
}

static inline int64_t
trigram_key(const Model *m, int64_t a, int64_t b, int64_t c)
{
    return (a * m->base + b) * m->base + c;
}

static int64_t
trigram(const Model *m, int64_t a, int64_t b, int64_t c)
{
    int64_t count = table_get(&m->trigrams, trigram_key(m, a, b, c));
    return count < 0 ? 0 : count;
}

static int
trigram_known(const Model *m, int64_t a, int64_t b, int64_t c)
{
    return table_probe(&m->trigrams, trigram_key(m, a, b, c), 0) >= 0;
}

/* _log_scores: CharacterModel.log_score with the stupid back-off; without asking the trigram
 * where the caller knows the model has none (asks_trigram 0). */
static inline double
log_score(const Model *m, const Terms *terms, int64_t c2, int64_t c1, int64_t ch, int has2, int has1, int asks_trigram)
{
    int64_t tri = has2 && asks_trigram ? trigram(m, c2, c1, ch) : 0;
    if (tri > 0) {
        int64_t context_pair = bigram(m, c2, c1);
        return log((double)tri / (double)(context_pair > tri ? context_pair : tri));
    }
    int64_t pair = has1 ? bigram(m, c1, ch) : 0;
    if (pair > 0) {
        double one = has2 ? terms->back_off : 1.0;
        int64_t unigram = m->unigram[c1];
        return log(one * (double)pair / (double)(unigram > pair ? unigram : pair));
    }
    double two = has2 ? terms->back_off * terms->back_off : has1 ? terms->back_off : 1.0;
    double count = (double)m->unigram[ch];
    return log(two * (count > 0.5 ? count : 0.5) / m->total);
}

/* Whether a sum of span score terms so far leaves no hope of scoring threshold better than
 * written, even with the least penalty: each term is the log of at most 1, so a sum only falls,
 * and floating point rounding keeps that order (fl(s + t) <= s for t <= 0; a - b and a - c
 * are monotone in a). */
static inline int
hopeless(const Terms *terms, double sum, double written, double threshold)
{
    return terms->falling && sum - written - terms->least_penalty < threshold;
}

/* _span_scores: CharacterModel.span_score at p with ch written there, summed in its order; or
 * -INFINITY as soon as the sum is hopeless (above) of scoring threshold better than written:
 * most candidates are (three in four after their first two terms), and each term costs two
 * look-ups and a logarithm. A threshold of -INFINITY: the score. asks_trigrams 0: the model
 * knows none of the three trigrams through p (the written character at a place the screen
 * keeps: no known trigram covers it), so each term backs off without asking. */
static inline double
span_score_reaching(const Model *m, const Terms *terms, const Text *t, Py_ssize_t p, int64_t ch,
                    double written, double threshold, int asks_trigrams)
{
    int p1 = prev1(t, p), p2 = prev2(t, p), n1 = next1(t, p), n2 = next2(t, p);
    int64_t a = p2 ? t->ids[p - 2] : 0, b = p1 ? t->ids[p - 1] : 0;
    int64_t d = n1 ? t->ids[p + 1] : 0, e = n2 ? t->ids[p + 2] : 0;
    double score = log_score(m, terms, a, b, ch, p2, p1, asks_trigrams);
    if (hopeless(terms, score, written, threshold))
        return -INFINITY;
    score = score + (n1 ? log_score(m, terms, b, ch, d, p1, 1, asks_trigrams) : 0.0);
    if (hopeless(terms, score, written, threshold))
        return -INFINITY;
    score = score + (n2 ? log_score(m, terms, ch, d, e, n1, n1, asks_trigrams) : 0.0);
    return score;
}

static double
span_score(const Model *m, const Terms *terms, const Text *t, Py_ssize_t p, int64_t ch)
{
    return span_score_reaching(m, terms, t, p, ch, 0.0, -INFINITY, 1);
}

/* span_score of the character written at a place the screen keeps (no known trigram covers
 * it: the screen asked all three): its terms back off, so no trigram is asked again. */
static double
written_score(const Model *m, const Terms *terms, const Text *t, Py_ssize_t p)
{
    return span_score_reaching(m, terms, t, p, t->ids[p], 0.0, -INFINITY, 0);
}

/* Ask the memory for the bigram slots usual() reads for alt at p. */
#define PREFETCH_USUAL(m, t, p, alt)                                                         \
    do {                                                                                     \
        if (prev1((t), (p)))                                                                 \
            TABLE_PREFETCH(&(m)->bigrams, (t)->ids[(p) - 1] * (m)->base + (alt));            \
        if (next1((t), (p)))                                                                 \
            TABLE_PREFETCH(&(m)->bigrams, (alt) * (m)->base + (t)->ids[(p) + 1]);            \
    } while (0)

/* _usual: alt written at p makes a usual pair with a neighbour. */
static int
usual(const Model *m, const Terms *terms, const Text *t, Py_ssize_t p, int64_t alt)
{
    return (prev1(t, p) && bigram(m, t->ids[p - 1], alt) >= terms->usual)
        || (next1(t, p) && bigram(m, alt, t->ids[p + 1]) >= terms->usual);
}

/* _fits: some trigram through p is known with alt written there. */
static int
fits(const Model *m, const Text *t, Py_ssize_t p, int64_t alt)
{
    return (prev2(t, p) && trigram_known(m, t->ids[p - 2], t->ids[p - 1], alt))
        || (prev1(t, p) && next1(t, p) && trigram_known(m, t->ids[p - 1], alt, t->ids[p + 1]))
        || (next2(t, p) && trigram_known(m, alt, t->ids[p + 1], t->ids[p + 2]));
}

/* The group of alt among the candidates first..last of a character (ascending ids), 0 if it is
 * none of them (only a damaged cache file's bits say so). A search in a line or two, not a
 * byte of the 22 MB table. */
static int
candidate_group(const Model *m, int64_t first, int64_t last, int64_t alt)
{
    int64_t lo = first, hi = last;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (m->candidate_ids[mid] < alt)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < last && m->candidate_ids[lo] == alt ? m->candidate_groups[lo] : 0;
}

/* _kinds_around: which of the three contexts of p a text has (the two characters before,
 * around and after it), and their keys in the contexts table. */
static inline void
contexts_at(const Model *m, const Text *t, Py_ssize_t p, int has[3], int64_t keys[3])
{
    Py_ssize_t left[3] = {p - 2, p - 1, p + 1}, right[3] = {p - 1, p + 1, p + 2};
    has[0] = prev2(t, p);
    has[1] = prev1(t, p) && next1(t, p);
    has[2] = next2(t, p);
    for (int kind = 0; kind < 3; kind++)
        keys[kind] = has[kind] ? (kind * m->base + t->ids[left[kind]]) * m->base + t->ids[right[kind]] : -1;
}

/* A place the screen keeps (no known trigram covers it), with its contexts (contexts_at). */
typedef struct {
    Py_ssize_t at;
    int has[3];
    int64_t keys[3];
} Place;

/* Find a place's contexts and ask the memory at once for what fitting() reads first there:
 * their slots. */
#define PREFETCH_PLACE(m, t, place)                                                          \
    do {                                                                                     \
        contexts_at((m), (t), (place)->at, (place)->has, (place)->keys);                     \
        for (int kind_ = 0; kind_ < 3; kind_++)                                              \
            if ((place)->has[kind_])                                                         \
                TABLE_PREFETCH(&(m)->contexts, (place)->keys[kind_]);                        \
    } while (0)

/* _fitting_places, for one place: a continuation of one of its three contexts that is a
 * candidate, makes a usual pair and scores at least margin - slack better than the written
 * (1); none that does (0); or no candidate making a usual pair among them (-1: backoff()).
 * Most of the screen's time: a place's contexts have ~23 continuations each (a frequent one
 * hundreds) and few of them are candidates, so each is asked of the written character's row
 * of candidate bits (a few cache lines) before anything else. */
static int
fitting(const Model *m, const Terms *terms, const Text *t, const Place *place)
{
    Py_ssize_t p = place->at;
    const int *has = place->has;  /* found by PREFETCH_PLACE */
    const int64_t *keys = place->keys;
    int64_t w = t->ids[p];
    const uint64_t *listed = m->candidate_bits + w * m->bit_words;
    int64_t first = m->candidate_bounds[w], last = m->candidate_bounds[w + 1];
    double written = 0.0, threshold = terms->margin - terms->slack;
    int64_t *found = m->found;  /* the candidates among the continuations: which one passes
                                   first does not matter, only whether one does */
    Py_ssize_t count = 0, limit = 3 * m->most_candidates;  /* found's size */
    int64_t spans[3];
    for (int kind = 0; kind < 3; kind++) {
        spans[kind] = has[kind] ? table_get(&m->contexts, keys[kind]) : -1;
        if (spans[kind] >= 0 && spans[kind] >> m->span_bits < m->continuation_count)
            PREFETCH(m->continuations + (spans[kind] >> m->span_bits));
    }
    for (int kind = 0; kind < 3; kind++) {
        int64_t span = spans[kind];
        if (span < 0)
            continue;
        int64_t lo = span >> m->span_bits, hi = lo + (span & (((int64_t)1 << m->span_bits) - 1));
        if (hi > m->continuation_count)
            continue;  /* a damaged cache file: never a read out of bounds */
        for (int64_t k = lo; k < hi; k++) {
            uint16_t alt = m->continuations[k];
            /* at most once per kind in each of a character's candidates: found never fills, but
               for a damaged cache file's repeated continuations or stray bits */
            if (alt < m->base && listed[alt >> 6] >> (alt & 63) & 1 && count < limit)
                found[count++] = alt;
        }
    }
    Py_ssize_t kept = 0;
    for (Py_ssize_t i = 0; i < count; i++)
        PREFETCH_USUAL(m, t, p, found[i]);
    for (Py_ssize_t i = 0; i < count; i++)
        if (usual(m, terms, t, p, found[i]))
            found[kept++] = found[i];
    if (!kept)
        return -1;  /* no candidate making a usual pair fits: the back-off's place */
    written = written_score(m, terms, t, p);
    for (Py_ssize_t i = 0; i < kept; i++) {
        double score = span_score_reaching(m, terms, t, p, found[i], written, threshold, 1);
        if (score == -INFINITY)
            continue;  /* hopeless: fails the test below whatever its group */
        int group = candidate_group(m, first, last, found[i]);
        if (group && score - written - terms->penalties[group - 1] >= threshold)
            return 1;
    }
    return 0;
}

/* The words table's value of the pair (a, b): WORD, COMMON, or 0 if it is no dictionary word. */
static inline int64_t
word_value(const Model *m, int64_t a, int64_t b)
{
    int64_t value = table_get(&m->words, a * m->base + b);
    return value < 0 ? 0 : value;
}

/* Whether alt written at p makes with the neighbour n (before p if before) a pair official
 * writing writes usual times that is a common dictionary word, n no function character. */
static int
makes_common_word(const Model *m, const Terms *terms, const Text *t, Py_ssize_t n, int before, int64_t alt)
{
    int64_t a = before ? t->ids[n] : alt, b = before ? alt : t->ids[n];
    return !(t->han[n] & FUNCTION) && bigram(m, a, b) >= terms->usual && word_value(m, a, b) == COMMON;
}

/* _backoff_places, for one place no usual candidate fits (fitting() -1): the substitute of the
 * dictionary's back-off (screen_backoff.substitute), or -1. Kept out of screen_text (asked only
 * with the back-off on): inlined, the caller's per-character loop compiled worse (round 27, the
 * back-off off: 400 files 3,840.3 M inlined, 3,838.1 M out of line, main 3,833.7 M). */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int64_t
backoff(const Model *m, const Terms *terms, const Text *t, Py_ssize_t p)
{
    int p1 = prev1(t, p), n1 = next1(t, p);
    int64_t w = t->ids[p];
    /* The cheap ends of the tests below, asked first (the answer is the same): the one repair
       must close its word with the character before, no function character, and share the
       written character's commonest reading, which it must have. */
    if (!p1 || (t->han[p - 1] & FUNCTION) || !m->reading[w])
        return -1;
    /* the model counts the character and its neighbours alone (its unigrams): one it never
       counted says nothing of either form */
    if (!m->unigram[w] || !m->unigram[t->ids[p - 1]] || (n1 && !m->unigram[t->ids[p + 1]]))
        return -1;
    /* The text as written is a pair official writing writes as a unit (twice or more) or a
       word: the pairs first, the pair before first of all (of 54,551 places ending here on the
       first 400 speed files, 43,256 at the pair before, 8,444 at the pair after; round 28). */
    int64_t left = t->ids[p - 1], right = n1 ? t->ids[p + 1] : 0;
    if (bigram(m, left, w) > 0 || (n1 && bigram(m, w, right) > 0)
        || word_value(m, left, w) || (n1 && word_value(m, w, right)))
        return -1;
    int64_t lo = m->candidate_bounds[w], hi = m->candidate_bounds[w + 1], chosen = -1;
    /* The answer is a candidate of the written character's commonest reading that closes a
       common word with the character before: without one, no need to ask every candidate
       both ways (an array read each, most places have none: round 28). */
    int64_t k0 = lo;
    for (; k0 < hi; k0++) {
        int64_t alt = m->candidate_ids[k0];
        if (m->reading[alt] == m->reading[w] && makes_common_word(m, terms, t, p - 1, 1, alt))
            break;
    }
    if (k0 == hi)
        return -1;
    int closes = 0;  /* the chosen makes its word with the character before: the word ends at p */
    for (int64_t k = lo; k < hi; k++) {
        int64_t alt = m->candidate_ids[k];
        int before = p1 && makes_common_word(m, terms, t, p - 1, 1, alt);
        if (before || (n1 && makes_common_word(m, terms, t, p + 1, 0, alt))) {
            if (chosen >= 0)
                return -1;  /* one repair, not a guess among several */
            chosen = k;
            closes = before;
        }
    }
    if (chosen < 0 || !closes)
        return -1;  /* none, or the one repair opens its word (screen_backoff.substitute) */
    int64_t alt = m->candidate_ids[chosen];
    if (!m->reading[w] || m->reading[w] != m->reading[alt])
        return -1;  /* it lacks the written character's commonest reading: no slip the IME makes */
    double gain = span_score(m, terms, t, p, alt) - written_score(m, terms, t, p)
                  - terms->penalties[m->candidate_groups[chosen] - 1];
    return gain >= terms->backoff_margin ? alt : -1;
}

/* _answering_places, for one place: whether the rule's search can answer there, and the
 * answer (a character id) where no doubt is left, else -1. */
static int
answering(Model *m, const Terms *terms, const Text *t, Py_ssize_t p, int64_t *answer)
{
    int64_t w = t->ids[p];
    int64_t lo = m->candidate_bounds[w], hi = m->candidate_bounds[w + 1];
    Py_ssize_t count = 0;
    double written = 0.0, best = -INFINITY;
    for (int64_t k = lo; k < hi; k++)
        PREFETCH_USUAL(m, t, p, m->candidate_ids[k]);
    for (int64_t k = lo; k < hi; k++) {
        int64_t alt = m->candidate_ids[k];
        if (!usual(m, terms, t, p, alt))
            continue;
        if (!count)
            written = written_score(m, terms, t, p);
        double gain = span_score(m, terms, t, p, alt) - written - terms->penalties[m->candidate_groups[k] - 1];
        m->gains[count] = gain;
        m->alts[count++] = alt;
        if (gain > best)
            best = gain;
    }
    Py_ssize_t rivals = 0, near = 0;
    int top_fits = 0;
    int64_t top = -1;
    for (Py_ssize_t i = 0; i < count; i++) {
        double gain = m->gains[i];
        rivals += gain > best - terms->gap + terms->slack;  /* the best counts itself */
        near += gain > best - terms->gap - terms->slack;
        if (gain >= best - terms->slack) {
            top = m->alts[i];
            if (!top_fits && fits(m, t, p, top))
                top_fits = 1;
        }
    }
    if (!(best >= terms->margin - terms->slack && rivals <= 1 && top_fits))
        return 0;
    *answer = near == 1 && best >= terms->margin + terms->slack ? top : -1;
    return 1;
}

/* Whether the model knows the trigram of Han characters starting at k, asked once. */
static inline int
known_at(const Model *m, Text *t, Py_ssize_t k)
{
    if (!t->known[k])
        t->known[k] = t->han[k] & t->han[k + 1] & t->han[k + 2] & IS_HAN
                      && trigram_known(m, t->ids[k], t->ids[k + 1], t->ids[k + 2]) ? 2 : 1;
    return t->known[k] == 2;
}

/* Text's flag byte of character c, whose id is id. */
static inline uint8_t
han_flags(const Model *m, Py_UCS4 c, int64_t id)
{
    return m->han[c] ? IS_HAN | (m->has_alternative[id] ? ASKED : 0) : 0;
}

/* screen() for one text: {position: substitute or None}. */
static PyObject *
screen_text(Model *m, const Terms *terms, PyObject *text)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    PyObject *found = PyDict_New();
    if (!found || n == 0)
        return found;
    int32_t *ids = PyMem_Calloc(n + 2 * PAD, sizeof(int32_t));
    uint8_t *han = PyMem_Calloc(n + 2 * PAD, 1), *known = PyMem_Calloc(n + 2 * PAD, 1);
    Text t = {n, ids + PAD, han + PAD, known + PAD};
    if (!ids || !han || !known) {
        PyErr_NoMemory();
        goto fail;
    }
    for (Py_ssize_t p = 0; p < n; p++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, p);
        int32_t id = (int32_t)m->id_of[c < (Py_UCS4)m->id_count ? (Py_ssize_t)c : m->id_count - 1];
        t.ids[p] = id;
        t.han[p] = id < m->base - 1 ? m->flags[id] : han_flags(m, c, id);  /* any other character: no function character */
    }
    /* covered in screen(): a known trigram starts at p, p - 1 or p - 2. Asked lazily, the one
     * starting at p first: where it is known, p + 1 and p + 2 are covered without asking (most
     * characters are covered: about one trigram in three is looked up instead of all). */
    Py_ssize_t reach = 0;  /* the characters before it are covered by a known trigram found */
    Py_ssize_t p = 0;
    while (p < n) {
        Place batch[PLACE_BATCH];  /* the next places no known trigram covers */
        Py_ssize_t places = 0;
        for (; p < n && places < PLACE_BATCH; p++) {
            Py_ssize_t ahead = p + COVERAGE_AHEAD;
            if (ahead + 2 < n)  /* whether or not it will be asked: cheaper than knowing */
                TABLE_PREFETCH(&m->trigrams, trigram_key(m, t.ids[ahead], t.ids[ahead + 1], t.ids[ahead + 2]));
            if (!(t.han[p] & ASKED) || p < reach || !((t.han[p - 1] | t.han[p + 1]) & IS_HAN))
                continue;
            for (Py_ssize_t k = p; k >= p - 2 && reach <= p; k--)
                if (known_at(m, &t, k))
                    reach = k + 3;
            if (p >= reach)
                batch[places++].at = p;
        }
        if (places)
            PREFETCH_PLACE(m, &t, &batch[0]);
        for (Py_ssize_t i = 0; i < places; i++) {
            int64_t answer;
            if (i + 1 < places)
                PREFETCH_PLACE(m, &t, &batch[i + 1]);
            int fits_here = fitting(m, terms, &t, &batch[i]);
            if (fits_here < 0) {  /* an infinite margin: the back-off is off, not asked */
                if (isinf(terms->backoff_margin) || (answer = backoff(m, terms, &t, batch[i].at)) < 0)
                    continue;
            } else if (!fits_here || !answering(m, terms, &t, batch[i].at, &answer))
                continue;
            int64_t meant = answer >= 0 ? m->chars[answer] : 0;
            PyObject *key = PyLong_FromSsize_t(batch[i].at);
            PyObject *value = meant ? PyUnicode_FromOrdinal((int)meant) : Py_NewRef(Py_None);
            int failed = !key || !value || PyDict_SetItem(found, key, value) < 0;
            Py_XDECREF(key);
            Py_XDECREF(value);
            if (failed)
                goto fail;
        }
    }
    PyMem_Free(ids);
    PyMem_Free(han);
    PyMem_Free(known);
    return found;
fail:
    PyMem_Free(ids);
    PyMem_Free(han);
    PyMem_Free(known);
    Py_DECREF(found);
    return NULL;
}

static PyObject *
Model_screen(Model *self, PyObject *args)
{
    PyObject *texts;
    Terms terms;
    terms.backoff_margin = INFINITY;  /* optional: no back-off unless asked */
    if (!PyArg_ParseTuple(args, "O!dd(ddd)dLd|d:screen", &PyList_Type, &texts, &terms.margin, &terms.gap,
                          &terms.penalties[0], &terms.penalties[1], &terms.penalties[2], &terms.slack,
                          &terms.usual, &terms.back_off, &terms.backoff_margin))
        return NULL;
    terms.least_penalty = fmin(terms.penalties[0], fmin(terms.penalties[1], terms.penalties[2]));
    terms.falling = terms.back_off >= 0.0 && terms.back_off <= 1.0;
    Py_ssize_t count = PyList_GET_SIZE(texts);
    PyObject *result = PyList_New(count);
    if (!result)
        return NULL;
    for (Py_ssize_t i = 0; i < count; i++) {
        PyObject *text = PyList_GET_ITEM(texts, i);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "screen: texts must be str");
            goto fail;
        }
        PyObject *found = screen_text(self, &terms, text);
        if (!found)
            goto fail;
        PyList_SET_ITEM(result, i, found);
    }
    return result;
fail:
    Py_DECREF(result);
    return NULL;
}

/* Model(arrays, total): arrays a dict by the names of array_names. A damaged cache file must never
 * make a read out of bounds: everything read here is checked (ValueError). */
static int
check(int ok, const char *what)
{
    if (!ok)
        PyErr_Format(PyExc_ValueError, "char screen arrays: %s", what);
    return ok;
}

static int
in_range(const int64_t *values, Py_ssize_t count, int64_t lo, int64_t hi)
{
    for (Py_ssize_t i = 0; i < count; i++)
        if (values[i] < lo || values[i] >= hi)
            return 0;
    return 1;
}

static int
ascending_within(const int64_t *bounds, Py_ssize_t count, int64_t hi)
{
    for (Py_ssize_t i = 0; i < count; i++)
        if (bounds[i] < 0 || bounds[i] > hi || (i && bounds[i] < bounds[i - 1]))
            return 0;
    return 1;
}

static int
Model_init(Model *self, PyObject *args, PyObject *kwds)
{
    PyObject *arrays;
    long long total;
    static char *keywords[] = {"arrays", "total", NULL};
    if (self->held) {
        PyErr_SetString(PyExc_TypeError, "Model is initialised once");
        return -1;
    }
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!L:Model", keywords, &PyDict_Type, &arrays, &total))
        return -1;
    Py_ssize_t len[N_ARRAYS];
    for (int i = 0; i < N_ARRAYS; i++) {
        Py_buffer *view = &self->views[i];
        PyObject *array = PyDict_GetItemString(arrays, array_names[i]);  /* borrowed */
        if (!array) {
            PyErr_Format(PyExc_ValueError, "char screen arrays: %s missing", array_names[i]);
            return -1;
        }
        if (PyObject_GetBuffer(array, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
            return -1;
        self->held++;
        if (view->itemsize != array_itemsize[i] || view->ndim != 1) {
            PyErr_Format(PyExc_ValueError, "char screen arrays: %s is not a flat array of %d-byte items",
                         array_names[i], array_itemsize[i]);
            return -1;
        }
        len[i] = view->shape[0];
    }
#define ARRAY(i) (self->views[i].buf)
    self->id_of = ARRAY(ID_OF);
    self->chars = ARRAY(CHARS);
    self->han = ARRAY(HAN);
    self->unigram = ARRAY(UNIGRAM);
    self->candidate_bounds = ARRAY(CANDIDATE_BOUNDS);
    self->candidate_ids = ARRAY(CANDIDATE_IDS);
    self->candidate_groups = ARRAY(CANDIDATE_GROUPS);
    self->has_alternative = ARRAY(HAS_ALTERNATIVE);
    self->continuations = ARRAY(CONTINUATIONS);
    self->candidate_bits = ARRAY(CANDIDATE_BITS);
    self->function = ARRAY(FUNCTION_IDS);
    self->reading = ARRAY(READING_IDS);
    const int64_t *layout = ARRAY(LAYOUT), *words_layout = ARRAY(WORDS_LAYOUT);
    Table *tables[3] = {&self->bigrams, &self->trigrams, &self->contexts};
    Py_ssize_t base = self->base = len[UNIGRAM];
    self->id_count = len[ID_OF];
    self->continuation_count = len[CONTINUATIONS];
    self->bit_words = (base + 63) / 64;
    self->total = (double)total;
    if (!check(base >= 1 && base <= (1 << 16) && total > 0 && len[LAYOUT] == 7, "no model")
        || !check(len[CHARS] == base && len[HAS_ALTERNATIVE] == base && len[CANDIDATE_BOUNDS] == base + 1
                  && len[CANDIDATE_BITS] == base * self->bit_words && len[HAN] >= CODE_POINTS && self->id_count >= 1
                  && len[FUNCTION_IDS] == base && len[READING_IDS] == base && len[WORDS_LAYOUT] == 2,
                  "sizes disagree with the model's characters")
        || !check(in_range(self->id_of, len[ID_OF], 0, base) && in_range(self->candidate_ids, len[CANDIDATE_IDS], 0, base)
                  && in_range(self->chars, base, 0, CODE_POINTS), "a character id out of range")
        || !check(ascending_within(self->candidate_bounds, base + 1, len[CANDIDATE_IDS])
                  && len[CANDIDATE_GROUPS] == len[CANDIDATE_IDS], "bounds out of range"))
        return -1;
    for (int i = 0; i < 3; i++) {
        *tables[i] = (Table){ARRAY(BIGRAMS + i), len[BIGRAMS + i], (int)layout[2 * i], (int)layout[2 * i + 1]};
        if (!check(layout[2 * i] >= 1 && layout[2 * i] <= 63 && len[BIGRAMS + i] >= ((Py_ssize_t)1 << (64 - layout[2 * i]))
                   && layout[2 * i + 1] >= 1 && layout[2 * i + 1] <= 63, "a packed table's layout"))
            return -1;
    }
    self->words = (Table){ARRAY(WORDS), len[WORDS], (int)words_layout[0], (int)words_layout[1]};
    if (!check(words_layout[0] >= 1 && words_layout[0] <= 63 && len[WORDS] >= ((Py_ssize_t)1 << (64 - words_layout[0]))
               && words_layout[1] >= 1 && words_layout[1] <= 63, "a packed table's layout"))
        return -1;
    self->span_bits = (int)layout[6];
    if (!check(self->span_bits >= 0 && self->span_bits <= 32, "a packed table's layout"))
        return -1;
#undef ARRAY
    /* The flag byte by id, not by code point (one small table's byte, no look-up in the 1.1 MB
     * one by code point for the characters the model knows): id_of maps a code point to an id
     * below the last only where chars names that very code point (checked), so the two agree. */
    for (Py_ssize_t c = 0; c < self->id_count; c++)
        if (!check(self->id_of[c] == base - 1 || (self->chars[self->id_of[c]] == c && c < self->id_count - 1),
                   "the characters' ids disagree"))
            return -1;
    self->flags = PyMem_Malloc(base);
    if (!self->flags) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t id = 0; id < base - 1; id++) {
        self->flags[id] = han_flags(self, (Py_UCS4)self->chars[id], id);
        if (self->flags[id] && self->function[id])
            self->flags[id] |= FUNCTION;  /* a function character (screen_backoff.function_chars) */
    }
    self->most_candidates = 1;
    for (Py_ssize_t w = 0; w < base; w++) {
        for (int64_t k = self->candidate_bounds[w]; k < self->candidate_bounds[w + 1]; k++) {
            int64_t alt = self->candidate_ids[k];
            if (!check(self->candidate_groups[k] >= 1 && self->candidate_groups[k] <= 3, "a candidate group out of range")
                || !check(self->candidate_bits[w * self->bit_words + alt / 64] >> (alt % 64) & 1, "the candidate tables disagree"))
                return -1;
        }
        if (self->candidate_bounds[w + 1] - self->candidate_bounds[w] > self->most_candidates)
            self->most_candidates = self->candidate_bounds[w + 1] - self->candidate_bounds[w];
    }
    self->gains = PyMem_Malloc(self->most_candidates * sizeof(double));
    self->alts = PyMem_Malloc(self->most_candidates * sizeof(int64_t));
    self->found = PyMem_Malloc(3 * self->most_candidates * sizeof(int64_t));
    if (!self->gains || !self->alts || !self->found) {
        PyErr_NoMemory();
        return -1;
    }
    return 0;
}

static void
Model_dealloc(Model *self)
{
    for (int i = 0; i < self->held; i++)
        PyBuffer_Release(&self->views[i]);
    PyMem_Free(self->gains);
    PyMem_Free(self->alts);
    PyMem_Free(self->found);
    PyMem_Free(self->flags);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef Model_methods[] = {
    {"screen", (PyCFunction)Model_screen, METH_VARARGS,
     "screen(texts, margin, runner_up_gap, penalties, slack, usual, back_off[, backoff_margin]): per text, "
     "{position: substitute or None}, as char_screen's numpy path returns."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ModelType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "gongwen.analysis._char_screen.Model",
    .tp_doc = "char_screen.ScreenArrays' arrays, held for the compiled screen.",
    .tp_basicsize = sizeof(Model),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Model_init,
    .tp_dealloc = (destructor)Model_dealloc,
    .tp_methods = Model_methods,
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_char_screen", "TYP013's screen, compiled (see char_screen.py).", -1, NULL,
};

PyMODINIT_FUNC
PyInit__char_screen(void)
{
    if (PyType_Ready(&ModelType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (m && PyModule_AddObjectRef(m, "Model", (PyObject *)&ModelType) < 0)
        Py_CLEAR(m);
    return m;
}
