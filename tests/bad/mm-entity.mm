<?xml version="1.0"?>
<!DOCTYPE map [
<!ENTITY lol "lol">
]>
<map version="1.0.1">
<node TEXT="&lol;"/>
</map>
