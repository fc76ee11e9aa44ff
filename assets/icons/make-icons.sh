#!/bin/sh
# Regenerates Planbook's app icons: a calm blue rounded square holding a white page with a
# blue "P" and three lines of "text" (a page, so it does not read as a parking sign).
# Needs ImageMagick 6 (convert) and the Liberation Sans Bold font (fonts-liberation2).
# Tauri wants RGBA PNGs, hence the PNG32: prefix.
set -eu
cd "$(dirname "$0")"
font=/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf
blue='#005EB8'
convert -size 1024x1024 xc:none \
  -fill "$blue" -draw 'roundrectangle 48,48 975,975 180,180' \
  -fill white -draw 'polygon 250,170 660,170 800,310 800,860 250,860' \
  -fill '#B3CDEA' -draw 'polygon 660,170 660,310 800,310' \
  -font "$font" -pointsize 430 -fill "$blue" -annotate +300+560 'P' \
  -fill "$blue" -draw 'roundrectangle 320,650 730,690 20,20' \
  -draw 'roundrectangle 320,735 730,775 20,20' \
  PNG32:master.png
for s in 32 64 128 256 512; do convert master.png -resize ${s}x${s} PNG32:${s}x${s}.png; done
cp 256x256.png 128x128@2x.png
cp 512x512.png icon.png
convert master.png -define icon:auto-resize=256,128,64,48,32,16 icon.ico
rm master.png 64x64.png 256x256.png 512x512.png
