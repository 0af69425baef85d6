; hocvuso — per-user Windows installer (Inno Setup 6.3 or newer).
;
; Built by `packaging\build.py windows` after the PyInstaller build, which runs:
;   iscc /DAppVersion=0.1.0 /DSourceDir=<dist>\hocvuso /DOutputDir=<dist> hocvuso.iss
;
; - Installs for the current user only, without administrator rights, into
;   %LOCALAPPDATA%\Programs\hocvuso, with a Start-menu folder and an optional desktop shortcut.
; - The AppId below never changes: a newer installer recognises the installed version and
;   upgrades it in place (same folder; a running hocvuso is closed first).
; - The officer's data lives apart, in %LOCALAPPDATA%\hocvuso (the encrypted database and its key
;   file, backups\, logs\). Installing, upgrading and uninstalling never touch it; uninstalling
;   says so and shows where it is.
; - Installer languages: Vietnamese (first, the default) and English. Inno Setup ships
;   Vietnamese.isl among its unofficial translations; it is used from this folder, from the
;   compiler's Languages\ or Languages\Unofficial\ folder, whichever exists. Without it the
;   installer's standard pages are English only (a warning is printed).
; This file is UTF-8 with a byte-order mark so that the Vietnamese texts compile correctly.

#if VER < EncodeVer(6, 3, 0)
  #error Inno Setup 6.3 or newer is needed (x64compatible architecture identifier)
#endif

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\dist\hocvuso"
#endif
#ifndef OutputDir
  #define OutputDir "..\dist"
#endif
#define AppExe "hocvuso.exe"
#define DataDir "{localappdata}\hocvuso"

[Setup]
; Fixed for ever: it is how upgrades find the installed copy.
AppId={{6F0D1C52-3B7A-4E0B-9C1E-5A8D2F4B7C31}
AppName=hocvuso
AppVersion={#AppVersion}
AppVerName=hocvuso {#AppVersion}
AppPublisher=hocvuso — Bình dân học vụ số
DefaultDirName={localappdata}\Programs\hocvuso
DefaultGroupName=hocvuso
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#OutputDir}
OutputBaseFilename=hocvuso-{#AppVersion}-windows-x64-setup
SetupIconFile=..\..\resources\icons\hocvuso.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName=hocvuso {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
LanguageDetectionMethod=uilanguage
ShowLanguageDialog=auto

[Languages]
#if FileExists(SourcePath + "Vietnamese.isl")
Name: "vietnamese"; MessagesFile: "Vietnamese.isl"
#elif FileExists(CompilerPath + "Languages\Vietnamese.isl")
Name: "vietnamese"; MessagesFile: "compiler:Languages\Vietnamese.isl"
#elif FileExists(CompilerPath + "Languages\Unofficial\Vietnamese.isl")
Name: "vietnamese"; MessagesFile: "compiler:Languages\Unofficial\Vietnamese.isl"
#else
  #define NoVietnamese
  #pragma warning "Vietnamese.isl not found: put it beside hocvuso.iss for a Vietnamese installer"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
english.AppComment=Commune digital-skills record book (Bình dân học vụ số)
english.DataFolder=hocvuso data and backups
english.DataWhere=Your data and backups stay in %1 (kept by upgrades and by uninstalling).
english.DataKept=hocvuso was removed.%n%nYour data, backups and logs were NOT deleted; they are still in:%n%1%n%nInstall hocvuso again to go on working with them. Delete that folder yourself only if you are sure you no longer need it (keep a backup elsewhere first).
#ifndef NoVietnamese
vietnamese.AppComment=Sổ theo dõi Bình dân học vụ số cấp xã
vietnamese.DataFolder=Dữ liệu và bản sao lưu hocvuso
vietnamese.DataWhere=Dữ liệu và bản sao lưu nằm ở %1 (được giữ nguyên khi nâng cấp và khi gỡ cài đặt).
vietnamese.DataKept=Đã gỡ hocvuso.%n%nDữ liệu, bản sao lưu và nhật ký KHÔNG bị xoá; chúng vẫn nằm tại:%n%1%n%nCài lại hocvuso để tiếp tục làm việc với dữ liệu này. Chỉ tự xoá thư mục đó khi chắc chắn không cần nữa (hãy sao lưu ra nơi khác trước).
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the whole program folder's libraries, so no file of the old version
; lingers. Only {app} is touched here, never the data folder.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Dirs]
; Made now so the Start-menu link to it works before the first start; never removed.
Name: "{#DataDir}"; Flags: uninsneveruninstall

[Icons]
Name: "{group}\hocvuso"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{group}\{cm:DataFolder}"; Filename: "{#DataDir}"
Name: "{group}\{cm:UninstallProgram,hocvuso}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\hocvuso"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,hocvuso}"; Flags: nowait postinstall skipifsilent

[Code]
function UpdateReadyMemo(Space, NewLine, MemoUserInfoInfo, MemoDirInfo, MemoTypeInfo,
  MemoComponentsInfo, MemoGroupInfo, MemoTasksInfo: String): String;
begin
  Result := MemoDirInfo + NewLine + NewLine +
    FmtMessage(CustomMessage('DataWhere'), [ExpandConstant('{#DataDir}')]);
  if MemoGroupInfo <> '' then
    Result := Result + NewLine + NewLine + MemoGroupInfo;
  if MemoTasksInfo <> '' then
    Result := Result + NewLine + NewLine + MemoTasksInfo;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{#DataDir}')]),
      mbInformation, MB_OK);
end;
