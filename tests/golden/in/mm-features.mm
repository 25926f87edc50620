<map version="1.0.1">
<!-- To view this file, download free mind mapping software FreeMind from http://freemind.sourceforge.net -->
<attribute_registry SHOW_ATTRIBUTES="selected">
<attribute_name NAME="Owner"/>
</attribute_registry>
<node CREATED="1700000000000" ID="ID_100" MODIFIED="1700000000001" COLOR="#993300">
<richcontent TYPE="NODE"><html>
  <head>
    <style type="text/css">p { margin-top: 0 }</style>
  </head>
  <body>
    <p align="center">
      Managing customers<br/><small>who they are, who owns them</small>&#160;
    </p>
  </body>
</html></richcontent>
<font BOLD="true" NAME="SansSerif" SIZE="18"/>
<richcontent TYPE="NOTE"><html>
  <head>

  </head>
  <body>
    <p>
      Why this map exists: keeping a customer costs less
      than winning a new one.
    </p>
    <p>
      Read it with the &lt;sales&gt; &amp; "service" teams.&#160;&#160;Twice
      a year.
    </p>
    <ul>
      <li>
        Profile first
      </li>
      <li>
        Then the owner
      </li>
    </ul>
  </body>
</html>
</richcontent>
<attribute_layout NAME_WIDTH="80" VALUE_WIDTH="120"/>
<attribute NAME="Owner" VALUE="Sales team"/>
<attribute NAME="Review" VALUE=""/>
<attribute NAME="Budget"/>
<attribute NAME="" VALUE="nameless, dropped"/>
<icon BUILTIN="idea"/>
<hook NAME="accessories/plugins/AutomaticLayout.properties"/>
<node CREATED="1700000000002" FOLDED="false" ID="ID_goals" LINK="https://example.com/crm?a=1&amp;b=2" MODIFIED="1700000000003" POSITION="right" TEXT="Goals">
<edge COLOR="#808080" STYLE="bezier" WIDTH="thin"/>
<icon BUILTIN="full-1"/>
<icon BUILTIN="yes"/>
<node ID="ID_sales" TEXT="Increase sales&#xa;(second line)">
<node FOLDED="true" ID="ID_repeat" TEXT="Repeat selling">
<icon BUILTIN="button_ok"/>
<node ID="ID_hidden" TEXT="Hidden child">
<node TEXT="Hidden grandchild"/>
</node>
</node>
<node TEXT="Cross selling" COLOR="#2F6FB0"/>
</node>
<node ID="ID_mkt" TEXT="Targeted marketing" LINK="#ID_profiling">
<arrowlink DESTINATION="ID_stats" ENDARROW="Default" ENDINCLINATION="55;0;" STARTARROW="None" STARTINCLINATION="55;0;"/>
<linktarget COLOR="#b0b0b0" DESTINATION="ID_mkt" ENDARROW="Default" SOURCE="ID_other"/>
</node>
</node>
<node ID="ID_profiling" POSITION="left" TEXT="Profiling" COLOR="#006633">
<cloud COLOR="#f0f0f0"/>
<richcontent TYPE="NOTE"><html><head></head><body><p>Who buys, how often, how much.</p><p></p><p>Line one<br/>line two<br/><br/>after a blank</p><pre>kept   as
two lines</pre></body></html></richcontent>
<node ID="ID_stats" TEXT="Statistics &amp; &lt;scoring&gt;">
<attribute NAME="Source" VALUE="ERP &quot;export&quot;"/>
<arrowlink DESTINATION="ID_sales"/>
<arrowlink DESTINATION="ID_nowhere"/>
</node>
<node ID="id with spaces" TEXT="Contact history" LINK="mailto:sales@example.com"/>
<node ID="t5" TEXT="Claims the id t5"/>
</node>
<node ID="ID_empty" POSITION="left" TEXT=""/>
<node ID="ID_types" POSITION="right" TEXT="Types" FOLDED="true">
<node TEXT="Prospects"/>
<node TEXT="Key accounts"/>
<node TEXT="Lost customers">
<richcontent TYPE="DETAILS" HIDDEN="true"><html><body><p>Call them: price, quality or service?</p></body></html></richcontent>
<richcontent TYPE="NOTE"><html><body><p>Ask why they left, and write the answer on the card.</p></body></html></richcontent>
</node>
</node>
</node>
</map>
