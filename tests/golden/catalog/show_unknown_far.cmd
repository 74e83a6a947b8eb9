show
zzzzqqq
