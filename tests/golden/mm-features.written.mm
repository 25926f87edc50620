<map version="freeplane 1.9.13">
<!--To view this file, download free mind mapping software Freeplane from https://www.freeplane.org -->
<node ID="ID_100" COLOR="#993300">
<richcontent TYPE="NODE">
<html>
  <head>

  </head>
  <body>
    <p>
      Managing customers<br/>who they are, who owns them
    </p>
  </body>
</html>
</richcontent>
<icon BUILTIN="idea"/>
<attribute NAME="Owner" VALUE="Sales team"/>
<attribute NAME="Review" VALUE=""/>
<attribute NAME="Budget" VALUE=""/>
<richcontent TYPE="NOTE">
<html>
  <head>

  </head>
  <body>
    <p>
      Why this map exists: keeping a customer costs less than winning a new one.
    </p>
    <p>
      Read it with the &lt;sales&gt; &amp; &quot;service&quot; teams. Twice a year.
    </p>
    <p>
      &#x2022; Profile first
    </p>
    <p>
      &#x2022; Then the owner
    </p>
  </body>
</html>
</richcontent>
<node TEXT="Goals" ID="ID_goals" POSITION="right" LINK="https://example.com/crm?a=1&amp;b=2">
<icon BUILTIN="full-1"/>
<icon BUILTIN="yes"/>
<node ID="ID_sales">
<richcontent TYPE="NODE">
<html>
  <head>

  </head>
  <body>
    <p>
      Increase sales<br/>(second line)
    </p>
  </body>
</html>
</richcontent>
<node TEXT="Repeat selling" ID="ID_repeat" FOLDED="true">
<icon BUILTIN="button_ok"/>
<node TEXT="Hidden child" ID="ID_hidden">
<node TEXT="Hidden grandchild" ID="t5-2"/>
</node>
</node>
<node TEXT="Cross selling" ID="t6" COLOR="#2f6fb0"/>
</node>
<node TEXT="Targeted marketing" ID="ID_mkt" LINK="#ID_profiling">
<arrowlink DESTINATION="ID_stats"/>
</node>
</node>
<node TEXT="Profiling" ID="ID_profiling" POSITION="left" COLOR="#006633">
<richcontent TYPE="NOTE">
<html>
  <head>

  </head>
  <body>
    <p>
      Who buys, how often, how much.
    </p>
    <p>
      Line one
    </p>
    <p>
      line two
    </p>
    <p>
      after a blank
    </p>
    <p>
      kept as
    </p>
    <p>
      two lines
    </p>
  </body>
</html>
</richcontent>
<node TEXT="Statistics &amp; &lt;scoring&gt;" ID="ID_stats">
<attribute NAME="Source" VALUE="ERP &quot;export&quot;"/>
<arrowlink DESTINATION="ID_sales"/>
<arrowlink DESTINATION="ID_nowhere"/>
</node>
<node TEXT="Contact history" ID="t10" LINK="mailto:sales@example.com"/>
<node TEXT="Claims the id t5" ID="t5"/>
</node>
<node TEXT="" ID="ID_empty" POSITION="left"/>
<node TEXT="Types" ID="ID_types" FOLDED="true" POSITION="right">
<node TEXT="Prospects" ID="t14"/>
<node TEXT="Key accounts" ID="t15"/>
<node TEXT="Lost customers" ID="t16">
<richcontent TYPE="NOTE">
<html>
  <head>

  </head>
  <body>
    <p>
      Ask why they left, and write the answer on the card.
    </p>
  </body>
</html>
</richcontent>
<richcontent TYPE="DETAILS">
<html>
  <head>

  </head>
  <body>
    <p>
      Call them: price, quality or service?
    </p>
  </body>
</html>
</richcontent>
</node>
</node>
</node>
</map>
