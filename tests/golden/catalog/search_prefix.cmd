search
crypto
