<?xml version="1.0" encoding="ISO-8859-1"?>
<map version="1.0.1">
<node TEXT="Kundenpflege für Großkunden" ID="ID_1">
<node TEXT="Résumé à jour" POSITION="right" ID="ID_2">
<attribute NAME="Zuständig" VALUE="Vertrieb § 3"/>
<richcontent TYPE="NOTE"><html><body><p>Prüfen &#8211; ½jährlich.</p></body></html></richcontent>
</node>
<node TEXT="Årlig gjennomgang" POSITION="left" ID="ID_3"/>
</node>
</map>
