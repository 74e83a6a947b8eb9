gapp
