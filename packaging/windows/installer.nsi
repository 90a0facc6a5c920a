; Per-user installer of disclosure-report for Windows 10 (1809 or later) and 11, x64.
; Built on Linux by packaging/build_windows.sh with Debian's makensis:
;
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DBUNDLE=dist/windows/disclosure-report \
;            -DOUTFILE=dist/disclosure-report-0.1.0-setup.exe -DICON=packaging/icons/disclosure-report.ico installer.nsi
;
; No administrator rights: everything goes under the user's own profile and HKCU. The clerk's drafts
; are not the program's: they live in %LOCALAPPDATA%\disclosure-report (storage/paths.py), which
; neither an upgrade nor the uninstaller ever touches.
; Silent, for IT staff: setup.exe /S [/D=C:\path]   and   uninstall.exe /S
; Exit status 0 done, 2 refused or cancelled (too old a Windows, the program still running); every
; refusal is also a line in %TEMP%\disclosure-report-setup.log (UTF-16, Notepad reads it), since /S shows nothing.

; 64-bit like the program it installs (and Debian's wine64 runs no 32-bit exe).
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma
SetCompressorDictSize 64
RequestExecutionLevel user

!define APPNAME "政府信息公开年度报告"
!define PUBLISHER "disclosure-report"
!define EXE "disclosure-report.exe"
!define CLI "disclosure-report-cli.exe"
!define UNINSTALLER "uninstall.exe"
; Never change the key: it ties upgrades and 应用和功能 to earlier installs.
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\disclosure-report"
!define DRAFTS "$LOCALAPPDATA\disclosure-report"

Name "${APPNAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\disclosure-report"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
BrandingText "${APPNAME} ${VERSION}"

!include MUI2.nsh
!include LogicLib.nsh
!include WinVer.nsh
!include x64.nsh
!include FileFunc.nsh

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开${APPNAME}"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "MIT License"

!define LOG "$TEMP\disclosure-report-setup.log"

; A refusal, with its time, in ${LOG}: what IT staff deploying with /S can read afterwards.
!macro REFUSAL_LOG un
Function ${un}RefusalLog
  Exch $0
  Push $1
  Push $2
  Push $3
  Push $4
  Push $5
  Push $6
  Push $7
  Push $8
  ${GetTime} "" "L" $2 $3 $4 $5 $6 $7 $8
  ClearErrors
  FileOpen $1 "${LOG}" a
  ${IfNot} ${Errors}
    FileSeek $1 0 END
    FileWriteUTF16LE /BOM $1 "$4-$3-$2 $6:$7:$8 ${APPNAME} ${VERSION} $0$\r$\n"
    FileClose $1
  ${EndIf}
  Pop $8
  Pop $7
  Pop $6
  Pop $5
  Pop $4
  Pop $3
  Pop $2
  Pop $1
  Pop $0
FunctionEnd
!macroend
!insertmacro REFUSAL_LOG ""
!insertmacro REFUSAL_LOG "un."

; A running program holds its exe open: Windows refuses to overwrite or delete it, so the
; installer and the uninstaller ask first instead of leaving half the files replaced.
!macro REFUSE_WHILE_RUNNING un what
Function ${un}RefuseWhileRunning
  ${ForEach} $1 0 1 + 1
    ${If} $1 == 0
      StrCpy $2 "$INSTDIR\${EXE}"
    ${Else}
      StrCpy $2 "$INSTDIR\${CLI}"
    ${EndIf}
    ${DoWhile} ${FileExists} $2
      ClearErrors
      FileOpen $0 $2 a
      ${IfNot} ${Errors}
        FileClose $0
        ${Break}
      ${EndIf}
      ${If} ${Cmd} `MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APPNAME}正在运行（$2）。$\r$\n请先保存并关闭程序的所有窗口，再点“重试”；点“取消”则什么也不改动。" /SD IDCANCEL IDCANCEL`
        Push "${what}：程序正在运行（$2），请先关闭程序；未做任何改动（退出码 2）"
        Call ${un}RefusalLog
        SetErrorLevel 2
        Quit
      ${EndIf}
    ${Loop}
  ${Next}
FunctionEnd
!macroend
!insertmacro REFUSE_WHILE_RUNNING "" "安装"
!insertmacro REFUSE_WHILE_RUNNING "un." "卸载"

Function .onInit
  ; Qt 6 runs on 64-bit Windows 10 1809 (build 17763) and later.
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
  ${OrIfNot} ${AtLeastBuild} 17763
    MessageBox MB_OK|MB_ICONSTOP \
      "${APPNAME}需要 64 位的 Windows 10（1809 版或更新）或 Windows 11，本机的 Windows 太旧，无法安装。" /SD IDOK
    Push "安装：需要 64 位的 Windows 10（1809 版或更新）或 Windows 11，本机的 Windows 太旧；未安装（退出码 2）"
    Call RefusalLog
    SetErrorLevel 2
    Quit
  ${EndIf}
FunctionEnd

Section "program"
  Call RefuseWhileRunning
  SetOutPath "$INSTDIR"
  ; Upgrade in place: the files of the older version go first (only ours, never the folder
  ; itself: a user may have chosen a folder that holds other things).
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\${CLI}"
  File /r "${BUNDLE}\*"
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 \
    SW_SHOWNORMAL "" "填写、核对、导出政府信息公开工作年度报告"
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0 \
    SW_SHOWNORMAL "" "填写、核对、导出政府信息公开工作年度报告"

  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0
SectionEnd

Section "Uninstall"
  Call un.RefuseWhileRunning
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\${CLI}"
  Delete "$INSTDIR\${UNINSTALLER}"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  DeleteRegKey HKCU "${UNINSTKEY}"
  ; The drafts stay where they are; say where.
  ${If} ${FileExists} "${DRAFTS}\*.*"
    MessageBox MB_OK|MB_ICONINFORMATION \
      "程序已卸载。您的报告草稿仍保存在：$\r$\n${DRAFTS}$\r$\n重新安装后可以继续使用；不再需要时可以手动删除这个文件夹。" \
      /SD IDOK
  ${EndIf}
SectionEnd
