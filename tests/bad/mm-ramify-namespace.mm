<?xml version="1.0" encoding="UTF-8"?>
<map xmlns="urn:ramify:map:1" version="1">
  <topic text="A ramify map saved as .mm"/>
</map>
