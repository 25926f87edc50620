<?xml version="1.0" encoding="UTF-8"?>
<map version="1.0.1">
<node TEXT="Kundenpflege" ID="ID_1">
<node TEXT="Großkunden" POSITION="right"/>
</node>
</map>
