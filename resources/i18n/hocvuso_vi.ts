<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../ui/desktop/dialogs.py" line="28" />
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/desktop/shell.py" line="158" />
        <source>Log in to hocvuso</source>
        <translation>Đăng nhập hocvuso</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shell.py" line="161" />
        <location filename="../../ui/desktop/shell.py" line="165" />
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shell.py" line="164" />
        <location filename="../../ui/desktop/shell.py" line="166" />
        <location filename="../../ui/desktop/shell.py" line="185" />
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <location filename="../../ui/desktop/print_preview.py" line="269" />
        <source>Preview: {title}</source>
        <translation>Xem trước: {title}</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/print_preview.py" line="271" />
        <source>Preparing the document…</source>
        <translation>Đang chuẩn bị tài liệu…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/print_preview.py" line="274" />
        <source>Page preview</source>
        <translation>Xem trước trang</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/print_preview.py" line="281" />
        <source>Previous page</source>
        <translation>Trang trước</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/print_preview.py" line="282" />
        <source>Next page</source>
        <translation>Trang sau</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/print_preview.py" line="286" />
        <source>Actual size</source>
        <translation>Cỡ thật</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/print_preview.py" line="289" />
        <source>Print…</source>
        <translation>In…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/print_preview.py" line="290" />
        <source>Save as PDF…</source>
        <translation>Lưu thành PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/print_preview.py" line="291" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/print_preview.py" line="342" />
        <source>{pages} pages</source>
        <translation>{pages} trang</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/print_preview.py" line="352" />
        <source>The document could not be made.</source>
        <translation>Không tạo được tài liệu.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/print_preview.py" line="378" />
        <source>Page {page} of {pages}</source>
        <translation>Trang {page}/{pages}</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/print_preview.py" line="414" />
        <source>Printing…</source>
        <translation>Đang in…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/print_preview.py" line="420" />
        <source>Sent {pages} pages to the printer.</source>
        <translation>Đã gửi {pages} trang tới máy in.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/print_preview.py" line="429" />
        <source>Save as PDF</source>
        <translation>Lưu thành PDF</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/print_preview.py" line="429" />
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/print_preview.py" line="452" />
        <source>Saved to {path}</source>
        <translation>Đã lưu vào {path}</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <location filename="../../ui/desktop/shell.py" line="44" />
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shell.py" line="45" />
        <source>Born</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shell.py" line="46" />
        <source>Village</source>
        <translation>Thôn/xóm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shell.py" line="47" />
        <source>ID number</source>
        <translation>Số CCCD</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shell.py" line="48" />
        <source>Phone</source>
        <translation>Số điện thoại</translation>
    </message>
</context>
<context>
    <name>PrintJobs</name>
    <message>
        <location filename="../../ui/desktop/print_preview.py" line="187" />
        <source>Attendance sheet</source>
        <translation>Danh sách điểm danh</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/print_preview.py" line="211" />
        <source>Learner cards</source>
        <translation>Thẻ người học</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/print_preview.py" line="235" />
        <source>Skills certificate</source>
        <translation>Giấy xác nhận kỹ năng số</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../ui/desktop/shell.py" line="99" />
        <source>Set up hocvuso</source>
        <translation>Thiết lập hocvuso</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shell.py" line="103" />
        <location filename="../../ui/desktop/shell.py" line="115" />
        <source>Commune</source>
        <translation>Xã/phường</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shell.py" line="108" />
        <location filename="../../ui/desktop/shell.py" line="116" />
        <source>Officer's full name</source>
        <translation>Họ tên cán bộ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shell.py" line="111" />
        <location filename="../../ui/desktop/shell.py" line="117" />
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shell.py" line="114" />
        <location filename="../../ui/desktop/shell.py" line="118" />
        <source>Repeat password</source>
        <translation>Nhập lại mật khẩu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shell.py" line="130" />
        <source>hocvuso</source>
        <translation>hocvuso</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shell.py" line="130" />
        <source>The passwords do not match.</source>
        <translation>Hai lần nhập mật khẩu không khớp.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shell.py" line="143" />
        <source>Recovery key</source>
        <translation>Mã khôi phục</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shell.py" line="145" />
        <source>Write this recovery key on paper and keep it safe. It is shown only once and opens the data if every password is forgotten:</source>
        <translation>Hãy chép mã khôi phục này ra giấy và cất nơi an toàn. Mã chỉ hiện một lần và dùng để mở dữ liệu khi quên hết mật khẩu:</translation>
    </message>
</context>
<context>
    <name>SummaryWindow</name>
    <message>
        <location filename="../../ui/desktop/shell.py" line="196" />
        <source>hocvuso — {commune}</source>
        <translation>hocvuso — {commune}</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shell.py" line="201" />
        <source>{n} people recorded</source>
        <translation>Đã ghi nhận {n} người</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shell.py" line="203" />
        <source>Search by name without accents, ID or phone</source>
        <translation>Tìm theo tên (gõ không dấu được), số CCCD hoặc số điện thoại</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shell.py" line="204" />
        <source>Search people</source>
        <translation>Tìm người học</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shell.py" line="214" />
        <source>Officer: {name} — {commune}</source>
        <translation>Cán bộ: {name} — {commune}</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/desktop/shell.py" line="88" />
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/shell.py" line="89" />
        <source>hocvuso</source>
        <translation>hocvuso</translation>
    </message>
</context>
</TS>