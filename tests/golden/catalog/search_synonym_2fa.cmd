search
2FA
