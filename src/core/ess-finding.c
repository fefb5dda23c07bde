/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Findings of the checks: a severity, a place and a French message, as plain data. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ess-finding.h"

EssFinding *
ess_finding_new (EssSeverity  severity,
                 const char  *code,
                 const char  *place,
                 int          row,
                 int          column,
                 const char  *message)
{
  EssFinding *finding = g_new0 (EssFinding, 1);

  finding->severity = severity;
  finding->code = g_strdup (code ? code : "");
  finding->place = g_strdup (place ? place : "");
  finding->row = row;
  finding->column = column;
  finding->message = g_strdup (message ? message : "");

  return finding;
}

void
ess_finding_free (EssFinding *finding)
{
  if (finding == NULL)
    return;

  g_free (finding->code);
  g_free (finding->place);
  g_free (finding->message);
  g_free (finding);
}

const char *
ess_severity_label (EssSeverity severity)
{
  switch (severity)
    {
    case ESS_SEVERITY_INFO:
      /* TRANSLATORS: the severity of a finding, printed by the check command */
      return _("info");
    case ESS_SEVERITY_WARNING:
      return _("warning");
    case ESS_SEVERITY_ERROR:
      return _("error");
    default:
      return "";
    }
}

EssSeverity
ess_findings_worst (GPtrArray *findings)
{
  EssSeverity worst = ESS_SEVERITY_INFO;

  if (findings == NULL)
    return worst;

  for (guint i = 0; i < findings->len; i++)
    {
      const EssFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity > worst)
        worst = finding->severity;
    }

  return worst;
}
