// The report names the API uses, in each of its two spellings.
// Pending reports: early_warning ...; submissions and drafts: early-warning ...
export const submissionTypes = ['early-warning', 'notification', 'intermediate', 'progress', 'final', 'gdpr-breach'];
export const draftKinds = ['early-warning', 'notification', 'intermediate', 'progress', 'final', 'gdpr-breach', 'recipients'];
export const recipients = ['csirt', 'competent_authority', 'service_recipients', 'supervisory_authority'];
export const reportKey = (name) => 'report.' + String(name || '').replace(/-/g, '_');
