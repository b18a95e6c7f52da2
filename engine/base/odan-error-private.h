/* odan-error-private.h — setting a GError and failing in one statement
 *
 * Checks that refuse a request end in `return odan_fail (error, DOMAIN,
 * CODE, _("…"), …);`: the error is set only when the caller asked for one
 * (as g_set_error()), and the FALSE the check returns comes with it.
 */
#pragma once

#include <glib.h>

static inline gboolean odan_fail (GError    **error,
                                  GQuark      domain,
                                  int         code,
                                  const char *format,
                                  ...) G_GNUC_PRINTF (4, 5);

/* Sets *@error (when @error is not NULL) and returns FALSE. */
static inline gboolean
odan_fail (GError    **error,
           GQuark      domain,
           int         code,
           const char *format,
           ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (domain, code, format, args);
  va_end (args);
  return FALSE;
}
