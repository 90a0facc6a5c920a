; Inno Setup script: per-user installer of disclosure-report for Windows 10 (1809+) and 11.
; Built by .github/workflows/windows.yml on a Windows runner; it cannot run on Linux (see packaging/README.md).
;
;   iscc /DAppVersion=0.1.0 packaging\windows\disclosure-report.iss
;
; Needs: the PyInstaller bundle in dist\disclosure-report (packaging/disclosure-report.spec) and
; ChineseSimplified.isl beside this script. That translation is unofficial: Inno Setup does not ship it;
; the workflow fetches it from the Inno Setup source repository (Files/Languages/Unofficial).
; Saved as UTF-8 with BOM so that Inno Setup reads the Chinese texts.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z disclosure-report.iss
#endif
#define AppName "政府信息公开年度报告"
#define AppExe "disclosure-report.exe"

[Setup]
; Never change AppId: it ties updates and the uninstaller to earlier installs.
AppId={{7A113D34-CBA8-43E2-8E9F-A0CE8119DB88}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=disclosure-report
VersionInfoVersion={#AppVersion}
; No administrator rights: installs for the current user under %LOCALAPPDATA%\Programs.
PrivilegesRequired=lowest
DefaultDirName={autopf}\disclosure-report
DisableProgramGroupPage=yes
DisableDirPage=auto
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 runs on Windows 10 1809 and later.
MinVersion=10.0.17763
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=disclosure-report-{#AppVersion}-setup
SetupIconFile=packaging\icons\disclosure-report.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no
CloseApplications=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "packaging\windows\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "dist\disclosure-report\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes only what [Files] installed into {app}. The clerk's drafts live elsewhere,
; in %LOCALAPPDATA%\disclosure-report (platformdirs, storage/paths.py), and are kept: there is
; deliberately no [UninstallDelete] entry, and the last page says where they are.
[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent
     and DirExists(ExpandConstant('{localappdata}\disclosure-report')) then
    MsgBox('程序已卸载。您的报告草稿仍保存在：' + #13#10 +
           ExpandConstant('{localappdata}\disclosure-report') + #13#10 +
           '重新安装后可以继续使用；不再需要时可手动删除该文件夹。', mbInformation, MB_OK);
end;
