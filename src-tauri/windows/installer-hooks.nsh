; Planbook's NSIS installer hooks (tauri.windows.conf.json: bundle.windows.nsis.installerHooks).
;
; Planbook is one of several programs people open .sqlite files with (DB Browser for SQLite,
; database tools), so it must not take over the extension. Tauri's own file association sets
; the default program for .sqlite; instead Planbook registers itself only under "Open with"
; (OpenWithProgids): a double-click keeps opening whatever opened .sqlite files before, and
; "Open with > Planbook" (or, where nothing was set, Windows' own choice) opens it here.
; SHCTX is HKCU for a per-user install and HKLM for a per-machine one.

!define PLANBOOK_PROGID "Planbook.Workbook"

!macro NSIS_HOOK_POSTINSTALL
  WriteRegStr SHCTX "Software\Classes\${PLANBOOK_PROGID}" "" "Planbook workbook"
  WriteRegStr SHCTX "Software\Classes\${PLANBOOK_PROGID}" "FriendlyTypeName" "Planbook workbook"
  WriteRegStr SHCTX "Software\Classes\${PLANBOOK_PROGID}\DefaultIcon" "" "$\"$INSTDIR\${MAINBINARYNAME}.exe$\",0"
  WriteRegStr SHCTX "Software\Classes\${PLANBOOK_PROGID}\shell\open\command" "" "$\"$INSTDIR\${MAINBINARYNAME}.exe$\" $\"%1$\""
  WriteRegStr SHCTX "Software\Classes\.sqlite\OpenWithProgids" "${PLANBOOK_PROGID}" ""
  WriteRegStr SHCTX "Software\Classes\Applications\${MAINBINARYNAME}.exe" "FriendlyAppName" "Planbook"
  WriteRegStr SHCTX "Software\Classes\Applications\${MAINBINARYNAME}.exe\SupportedTypes" ".sqlite" ""
  WriteRegStr SHCTX "Software\Classes\Applications\${MAINBINARYNAME}.exe\shell\open\command" "" "$\"$INSTDIR\${MAINBINARYNAME}.exe$\" $\"%1$\""
  ; SHCNE_ASSOCCHANGED: Explorer reads the associations again.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend

!macro NSIS_HOOK_POSTUNINSTALL
  DeleteRegValue SHCTX "Software\Classes\.sqlite\OpenWithProgids" "${PLANBOOK_PROGID}"
  DeleteRegKey SHCTX "Software\Classes\${PLANBOOK_PROGID}"
  DeleteRegKey SHCTX "Software\Classes\Applications\${MAINBINARYNAME}.exe"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
!macroend
