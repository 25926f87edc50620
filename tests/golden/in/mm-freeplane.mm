<map version="freeplane 1.9.13">
<!--To view this file, download free mind mapping software Freeplane from https://www.freeplane.org -->
<bookmarks/>
<attribute_registry SHOW_ATTRIBUTES="hide"/>
<node TEXT="Customer workshop" LOCALIZED_STYLE_REF="AutomaticLayout.level.root" FOLDED="false" ID="ID_1090958577" CREATED="1700000000000" MODIFIED="1700000100000"><hook NAME="MapStyle" zoom="1.1">
    <properties show_icon_for_attributes="true" edgeColorConfiguration="#808080ff,#ff0000ff,#0000ffff" show_note_icons="true" fit_to_viewport="false"/>
    <tags category_separator="::"/>

<map_styles>
<stylenode LOCALIZED_TEXT="styles.root_node" STYLE="oval" UNIFORM_SHAPE="true" VGAP_QUANTITY="24 pt">
<font SIZE="24"/>
<stylenode LOCALIZED_TEXT="styles.predefined" POSITION="bottom_or_right" STYLE="bubble">
<stylenode LOCALIZED_TEXT="default" ID="ID_271890427" ICON_SIZE="12 pt" COLOR="#000000" STYLE="fork">
<arrowlink SHAPE="CUBIC_CURVE" COLOR="#000000" WIDTH="2" TRANSPARENCY="200" DASH="" FONT_SIZE="9" FONT_FAMILY="SansSerif" DESTINATION="ID_271890427" STARTARROW="NONE" ENDARROW="DEFAULT"/>
<font NAME="SansSerif" SIZE="10" BOLD="false" ITALIC="false"/>
<richcontent TYPE="DETAILS" CONTENT-TYPE="plain/auto"/>
<richcontent TYPE="NOTE" CONTENT-TYPE="plain/auto"/>
</stylenode>
<stylenode LOCALIZED_TEXT="defaultstyle.details"/>
<stylenode LOCALIZED_TEXT="defaultstyle.note" COLOR="#000000" BACKGROUND_COLOR="#ffffff" TEXT_ALIGN="LEFT"/>
<stylenode LOCALIZED_TEXT="defaultstyle.floating">
<edge STYLE="hide_edge"/>
<cloud COLOR="#f0f0f0" SHAPE="ROUND_RECT"/>
</stylenode>
</stylenode>
<stylenode LOCALIZED_TEXT="styles.user-defined" POSITION="bottom_or_right" STYLE="bubble">
<stylenode LOCALIZED_TEXT="styles.important" ID="ID_67550811">
<icon BUILTIN="yes"/>
<arrowlink COLOR="#003399" TRANSPARENCY="255" DESTINATION="ID_67550811"/>
<font SIZE="14"/>
</stylenode>
<stylenode TEXT="Action item" COLOR="#cc3300">
<attribute NAME="style attribute" VALUE="must not appear"/>
<richcontent TYPE="NOTE" CONTENT-TYPE="xml/">
<html><head/><body><p>a style's note must not appear</p></body></html>
</richcontent>
</stylenode>
</stylenode>
<stylenode LOCALIZED_TEXT="styles.AutomaticLayout" POSITION="bottom_or_right" STYLE="bubble">
<stylenode LOCALIZED_TEXT="AutomaticLayout.level.root" COLOR="#000000" STYLE="oval"/>
<stylenode LOCALIZED_TEXT="AutomaticLayout.level,1" COLOR="#0033ff"/>
</stylenode>
</stylenode>
</map_styles>
</hook>
<hook NAME="AutomaticEdgeColor" COUNTER="4" RULE="ON_BRANCH_CREATION"/>
<richcontent TYPE="NOTE" CONTENT-TYPE="xml/">
<html>
  <head>
    
  </head>
  <body>
    <p>
      Half a day with the account managers.
    </p>
  </body>
</html>
</richcontent>
<node TEXT="Before" POSITION="bottom_or_right" ID="ID_1" CREATED="1700000000001" MODIFIED="1700000000002" LOCALIZED_STYLE_REF="AutomaticLayout.level,1">
<edge COLOR="#ff0000"/>
<node TEXT="Invite the owners" STYLE_REF="Action item" ID="ID_2" CREATED="1700000000003" MODIFIED="1700000000004">
<icon BUILTIN="emoji-1F4E7"/>
<richcontent TYPE="DETAILS" CONTENT-TYPE="plain/markdown">
    <text>Send the **agenda** one week
ahead, with the list.

Ask for their top three accounts.</text>
</richcontent>
</node>
<node TEXT="Print the cards" ID="ID_3" CREATED="1700000000005" MODIFIED="1700000000006">
<richcontent TYPE="NOTE" CONTENT-TYPE="plain/auto"><text>One card a customer
Name, owner, stage</text></richcontent>
</node>
</node>
<node TEXT="During" POSITION="top_or_left" ID="ID_4" CREATED="1700000000007" MODIFIED="1700000000008">
<edge COLOR="#0000ff"/>
<node ID="ID_5" CREATED="1700000000009" MODIFIED="1700000000010"><richcontent TYPE="NODE">

<html>
  <head>
    
  </head>
  <body>
    <p>
      <b>Walk</b> through
    </p>
    <p>
      every branch
    </p>
  </body>
</html>
</richcontent>
<hook NAME="AlwaysUnfoldedNode"/>
</node>
<node TEXT="" ID="ID_6" CREATED="1700000000011" MODIFIED="1700000000012">
<hook NAME="FirstGroupNode"/>
</node>
<node TEXT="Vote on priorities" ID="ID_7" CREATED="1700000000013" MODIFIED="1700000000014" FORMAT="STANDARD_FORMAT">
<hook NAME="SummaryNode"/>
<attribute NAME="Duration" VALUE="45" OBJECT="org.freeplane.features.format.FormattedNumber|45"/>
<arrowlink SHAPE="CUBIC_CURVE" COLOR="#000000" WIDTH="2" TRANSPARENCY="200" DASH="" FONT_SIZE="9" FONT_FAMILY="SansSerif" DESTINATION="ID_1" MIDDLE_LABEL="needs" STARTARROW="NONE" ENDARROW="DEFAULT"/>
</node>
</node>
<node LOCALIZED_TEXT="new_node" POSITION="bottom_or_right" ID="ID_8" CREATED="1700000000015" MODIFIED="1700000000016" HGAP_QUANTITY="-300 pt" VSHIFT_QUANTITY="120 pt">
<hook NAME="FreeNode"/>
<conditional_styles>
<conditional_style ACTIVE="true" STYLE_REF="styles.important" LAST="false">
<node_contains_condition VALUE="urgent" MATCH_CASE="false" MATCH_APPROXIMATELY="false"/>
</conditional_style>
</conditional_styles>
</node>
</node>
</map>
