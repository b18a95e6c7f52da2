/* odan-enum.c — nicks of registered enums as the words of Odan's files */
#define G_LOG_DOMAIN "odan-enum"

#include "odan-enum.h"

/* The class of an enum type, referenced once and kept: enum classes are
 * never unloaded, and peeking alone would miss a class nobody has used yet. */
static GEnumClass *
enum_class (GType enum_type)
{
  GEnumClass *klass = g_type_class_peek (enum_type);

  if (klass == NULL)
    klass = g_type_class_ref (enum_type);   /* deliberately kept */
  return klass;
}

const char *
odan_enum_to_nick (GType enum_type,
                   int   value)
{
  GEnumValue *v;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  v = g_enum_get_value (enum_class (enum_type), value);
  return v != NULL ? v->value_nick : NULL;
}

gboolean
odan_enum_from_nick (GType       enum_type,
                     const char *text,
                     int        *out)
{
  GEnumClass *klass;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);

  if (text == NULL)
    return FALSE;
  klass = enum_class (enum_type);
  for (guint i = 0; i < klass->n_values; i++)
    if (g_ascii_strcasecmp (text, klass->values[i].value_nick) == 0)
      {
        if (out != NULL)
          *out = klass->values[i].value;
        return TRUE;
      }
  return FALSE;
}
