<map version="freeplane 1.9.13">
<!--To view this file, download free mind mapping software Freeplane from https://www.freeplane.org -->
<attribute_registry SHOW_ATTRIBUTES="hide"/>
<hook NAME="MapStyle"><node TEXT="inside a hook: not a root"/></hook>
</map>
