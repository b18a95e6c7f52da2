/* odan-format.h — how odan writes times and pack vocabulary for people */
#pragma once

#include <glib.h>
#include <pango/pango.h>

#include "odan-pack.h"

G_BEGIN_DECLS

char *odan_format_date_time (GDateTime *date_time);
/* A length of time in the interface's language, to the minute and at most
 * two units: "2 d 23 h" / "2日23時間", "1 h 05 min" / "1時間05分". */
char *odan_format_duration  (double minutes);
/* An inject's channel as the interface says it: the known words (phone,
 * e-mail, fax … in either language, joined by ・ / ; or ,) translated, any
 * other word as written. */
char *odan_format_channel   (const char *channel);

/* Effects on the model (set, restore, floor, buffer, strength; see
 * odan-effect.h) in words for people, with the pack's names in the
 * interface's language: "Electricity supply, Saitama at 0 % for 10 h".
 * The text as written when it does not parse. */
char *odan_format_effects (const OdanPack *pack, const char *text);
/* An explanation (odan_exercise_explain()) with every effect it quotes in
 * the model's syntax, "(set power.saitama 0)", written in words instead. */
char *odan_format_explanation (const OdanPack *pack, const char *text);

/* Japanese has no spaces, and Pango may break a line between any two of its
 * characters (京|葉). These give the byte ranges of @text that should stay
 * on one line — a phrase runs from a kanji or katakana word through the
 * hiragana after it (ノードが|選ばれていません), and breaks fall after
 * punctuation — as pairs of (start, end) in a GArray of int; NULL when the
 * text has no Japanese. Ranges longer than a narrow column may hold are
 * left out, so that nothing overflows. */
GArray *odan_format_ja_phrases (const char *text);
/* Keeps @label's Japanese phrases whole when it wraps (Pango's allow-breaks
 * over odan_format_ja_phrases()); call it after setting the label's text. */
void    odan_format_label_phrases (gpointer label);
/* The same as attributes for a PangoLayout of @text; NULL when it has no
 * Japanese. */
PangoAttrList *odan_format_phrase_attributes (const char *text);

G_END_DECLS
