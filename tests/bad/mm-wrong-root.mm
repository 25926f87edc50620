<?xml version="1.0" encoding="UTF-8"?>
<mindmap version="1.0.1">
<node TEXT="Customers"/>
</mindmap>
