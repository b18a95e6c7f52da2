/* odan-application-private.h — shared by odan-application.c and odan-application-actions.c */
#pragma once

#include "odan-application.h"
#include "odan-exercise.h"

G_BEGIN_DECLS

struct _OdanApplication
{
  AdwApplication  parent_instance;

  /* Owned */
  GSettings      *settings;
  OdanExercise   *situation;   /* `odan --situation LOCATION`: the exercise to display */
};

void _odan_application_actions_init (OdanApplication *self);

G_END_DECLS
