audit
verify
