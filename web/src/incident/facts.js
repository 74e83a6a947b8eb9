// The impact facts of IR 2024/2690 the significance form can ask for, by the
// kind of answer each takes. A fact left empty is sent as absent: unknown,
// never "no" or 0. Facts with a structured answer (a series of incidents,
// minutes per calendar week) are not asked here and stay unknown.
export const booleanFacts = new Set([
  'trade_secret_exfiltration', 'death', 'considerable_health_damage',
  'malicious_unauthorised_access_capable_of_severe_disruption', 'data_compromise', 'data_compromise_malicious',
  'authoritative_data_compromise', 'cause_misconfiguration', 'tld_technical_data_compromise',
  'physical_access_compromised', 'scheduled_maintenance',
]);
export const decimalFacts = new Set(['direct_financial_loss_eur', 'annual_turnover_prev_fy_eur', 'avg_response_time_s']);
export const structuredFacts = new Set(['recurring', 'unavailability_minutes_per_calendar_week']);

export function factKind(name) {
  if (booleanFacts.has(name)) return 'boolean';
  if (decimalFacts.has(name)) return 'decimal';
  if (structuredFacts.has(name)) return 'structured';
  return 'count';
}

// The form's answers as the API's impact object: only what is known.
export function impactFrom(entityType, answers) {
  const impact = { entity_type: entityType };
  for (const [name, value] of Object.entries(answers)) {
    if (value === '' || value === null || value === undefined) continue;
    const kind = factKind(name);
    if (kind === 'boolean') impact[name] = value === 'yes';
    else if (kind === 'count' || kind === 'decimal') {
      const n = Number(value);
      impact[name] = Number.isFinite(n) && String(value).trim() !== '' ? n : value;
    }
  }
  return impact;
}

// Answers from a stored assessment's inputs (to start from what was known).
export function answersFrom(inputs) {
  const answers = {};
  for (const [name, value] of Object.entries(inputs || {})) {
    if (name === 'entity_type' || value === null || value === undefined) continue;
    if (typeof value === 'boolean') answers[name] = value ? 'yes' : 'no';
    else if (typeof value === 'number' || typeof value === 'string') answers[name] = String(value);
  }
  return answers;
}
