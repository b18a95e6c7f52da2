/* odan-number-private.h — a fast path for the decimals of large CSV files
 *
 * Strengths, coverages and bare minutes are short decimals ("0.9", "150").
 * With at most 15 significant digits and 22 decimals, mantissa / 10^k is a
 * division of two exactly representable doubles, so the result is correctly
 * rounded (Clinger's fast path) and equal to what strtod gives. Anything else
 * is left to g_ascii_strtod.
 */
#pragma once

#include <glib.h>

static inline gboolean
odan_parse_plain_decimal (const char *s,
                          gsize       len,
                          double     *out)
{
  static const double pow10[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  };
  guint64 mantissa = 0;
  guint digits = 0;
  guint decimals = 0;
  gboolean dot = FALSE;
  gboolean negative = FALSE;
  gsize i = 0;

  if (len > 0 && (s[0] == '-' || s[0] == '+'))
    {
      negative = s[0] == '-';
      i = 1;
    }
  for (; i < len; i++)
    {
      char c = s[i];

      if (c >= '0' && c <= '9')
        {
          if (mantissa == 0 && c == '0')
            {
              if (dot)
                decimals++;
              continue;           /* leading zeros are not significant */
            }
          if (++digits > 15)
            return FALSE;
          mantissa = mantissa * 10 + (guint64) (c - '0');
          if (dot)
            decimals++;
        }
      else if (c == '.' && !dot)
        dot = TRUE;
      else
        return FALSE;
    }
  /* at least one digit: "", "." and "-" are not numbers */
  if (len == (gsize) (negative || (len > 0 && s[0] == '+')) + (dot ? 1 : 0))
    return FALSE;
  if (decimals >= G_N_ELEMENTS (pow10))
    return FALSE;

  *out = (double) mantissa / pow10[decimals];
  if (negative)
    *out = -*out;
  return TRUE;
}
