// The incident record of Art. 23 NIS2, whole: its vocabulary
// (vocabulary.h), the record and how its log folds into it (record.h), the
// typed entries of the log (events.h), the commands that write them
// (commands.h) and what the record owes (pending.h). The store, the CLI and
// the server only carry these values around, so they cannot disagree.
#pragma once

#include "incident/commands.h"
#include "incident/events.h"
#include "incident/pending.h"
#include "incident/record.h"
#include "incident/vocabulary.h"
