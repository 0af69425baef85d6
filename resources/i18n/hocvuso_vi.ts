<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="vi_VN">
<context>
    <name>CheckInPage</name>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="253" />
        <source>Learner card</source>
        <translation>Thẻ người học</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="254" />
        <source>ID card</source>
        <translation>Thẻ căn cước</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="255" />
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="256" />
        <source>Sheet</source>
        <translation>Phiếu điểm danh</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="257" />
        <source>By hand</source>
        <translation>Nhập tay</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="293" />
        <location filename="../../ui/desktop/pages/checkin.py" line="530" />
        <source>Check-in</source>
        <translation>Điểm danh</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="304" />
        <source>No session is open. In the Sessions screen, choose a session and press Enter to open its check-in.</source>
        <translation>Chưa mở buổi học nào. Ở màn hình Buổi học, chọn một buổi rồi nhấn Enter để mở phần điểm danh.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="310" />
        <location filename="../../ui/desktop/pages/checkin.py" line="311" />
        <source>Go to the sessions</source>
        <translation>Đến danh sách buổi học</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="315" />
        <source>Scan a card or type a name, ID or phone</source>
        <translation>Quét thẻ hoặc gõ tên, số CCCD, số điện thoại</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="317" />
        <source>Scan a card or type a name (no accents needed), ID or phone, then Enter</source>
        <translation>Quét thẻ hoặc gõ tên (không cần dấu), số CCCD, số điện thoại rồi nhấn Enter</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="327" />
        <source>Person</source>
        <translation>Người học</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="332" />
        <source>Matching people</source>
        <translation>Những người khớp</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="340" />
        <source>Check-in message</source>
        <translation>Thông báo điểm danh</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="345" />
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="347" />
        <source>Birth year</source>
        <translation>Năm sinh</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="350" />
        <source>Village</source>
        <translation>Thôn/xóm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="352" />
        <source>Time</source>
        <translation>Giờ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="354" />
        <source>How</source>
        <translation>Cách điểm danh</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="356" />
        <source>Skills helped (outcome)</source>
        <translation>Kỹ năng được hướng dẫn (mức độ)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="364" />
        <location filename="../../ui/desktop/pages/checkin.py" line="453" />
        <source>Attendees</source>
        <translation>Người tham dự</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="379" />
        <location filename="../../ui/desktop/pages/checkin.py" line="436" />
        <source>Outcome</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="383" />
        <source>Planned skills → everyone</source>
        <translation>Kỹ năng dự kiến → tất cả</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="385" />
        <source>Record the planned skills for every attendee (Ctrl+Shift+A)</source>
        <translation>Ghi kỹ năng dự kiến cho mọi người tham dự (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="387" />
        <source>Planned skills → selected</source>
        <translation>Kỹ năng dự kiến → người đã chọn</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="389" />
        <source>Record the planned skills for the selected attendees (Ctrl+Shift+S)</source>
        <translation>Ghi kỹ năng dự kiến cho những người đang chọn (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="391" />
        <source>Choose skills…</source>
        <translation>Chọn kỹ năng…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="392" />
        <source>Choose other skills to record (Ctrl+Shift+K)</source>
        <translation>Chọn kỹ năng khác để ghi (Ctrl+Shift+K)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="393" />
        <source>New person…</source>
        <translation>Thêm người mới…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="394" />
        <source>Add somebody who is not on the list yet (Ctrl+N)</source>
        <translation>Thêm người chưa có trong danh sách (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="395" />
        <location filename="../../ui/desktop/pages/checkin.py" line="560" />
        <source>Undo</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="396" />
        <source>Undo the last check-in or skill record (Ctrl+Z)</source>
        <translation>Hoàn tác lần điểm danh hoặc ghi kỹ năng gần nhất (Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="398" />
        <source>Number of attendees</source>
        <translation>Số người tham dự</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="535" />
        <source>Check-in: {title}</source>
        <translation>Điểm danh: {title}</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="538" />
        <source>none</source>
        <translation>chưa có</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="541" />
        <source>{when} · {programme} · {place}
Planned skills: {skills}</source>
        <translation>{when} · {programme} · {place}
Kỹ năng dự kiến: {skills}</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="554" />
        <source>{n} present</source>
        <translation>{n} người có mặt</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="560" />
        <source>Undo: {what}</source>
        <translation>Hoàn tác: {what}</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="652" />
        <location filename="../../ui/desktop/pages/checkin.py" line="801" />
        <source>{n} people match. Choose with ↑ ↓ and press Enter.</source>
        <translation>Có {n} người khớp. Chọn bằng ↑ ↓ rồi nhấn Enter.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="657" />
        <source>One match: press Enter to check in.</source>
        <translation>Có một người khớp: nhấn Enter để điểm danh.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="659" />
        <source>Nobody found. Press Ctrl+N to add a new person.</source>
        <translation>Không tìm thấy ai. Nhấn Ctrl+N để thêm người mới.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="728" />
        <source>Several people match. Choose with ↑ ↓, then press Enter.</source>
        <translation>Có nhiều người khớp. Chọn bằng ↑ ↓ rồi nhấn Enter.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="770" />
        <source>This ID card is not on the list yet: check the details and save.</source>
        <translation>Người có thẻ căn cước này chưa có trong danh sách: kiểm tra thông tin rồi lưu.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="776" />
        <location filename="../../ui/desktop/pages/checkin.py" line="831" />
        <source>Another session</source>
        <translation>Buổi học khác</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="779" />
        <source>Not checked in.</source>
        <translation>Chưa điểm danh.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="808" />
        <source>Nobody found for “{text}”. Press Ctrl+N to add a new person.</source>
        <translation>Không tìm thấy ai với “{text}”. Nhấn Ctrl+N để thêm người mới.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="827" />
        <source>This is the code of this session.</source>
        <translation>Đây là mã của chính buổi học này.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="832" />
        <source>This code belongs to another session. Open that session's check-in?</source>
        <translation>Mã này thuộc về một buổi học khác. Mở phần điểm danh của buổi đó?</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="858" />
        <source>{name} was already checked in at {time}.</source>
        <translation>{name} đã được điểm danh lúc {time}.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="867" />
        <source>✓ {name} checked in.</source>
        <translation>✓ Đã điểm danh {name}.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="896" />
        <source>Nobody was added.</source>
        <translation>Chưa thêm ai.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="910" />
        <source>This session has no planned skills. Use “Choose skills…”.</source>
        <translation>Buổi học này chưa có kỹ năng dự kiến. Hãy dùng “Chọn kỹ năng…”.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="946" />
        <source>Nobody is selected. Select attendees in the list first.</source>
        <translation>Chưa chọn ai. Hãy chọn người tham dự trong danh sách trước.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="950" />
        <source>No skill was chosen.</source>
        <translation>Chưa chọn kỹ năng nào.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="966" />
        <source>skills of {n} people</source>
        <translation>kỹ năng của {n} người</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="970" />
        <source>Recorded {skills} for {n} people: {outcome}.</source>
        <translation>Đã ghi {skills} cho {n} người: {outcome}.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="1010" />
        <source>Undone: {what}.</source>
        <translation>Đã hoàn tác: {what}.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="1027" />
        <source>Remove from the list</source>
        <translation>Bỏ khỏi danh sách</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="1029" />
        <source>Remove {names} from this session's attendees? The skills recorded for them in this session are removed too.</source>
        <translation>Bỏ {names} khỏi danh sách tham dự buổi này? Các kỹ năng đã ghi cho họ trong buổi này cũng bị bỏ.</translation>
    </message>
</context>
<context>
    <name>CommunePage</name>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="102" />
        <source>Your commune</source>
        <translation>Xã/phường của bạn</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="104" />
        <source>Choose the province, then your commune or ward. Type without accents.</source>
        <translation>Chọn tỉnh/thành phố, rồi chọn xã/phường. Có thể gõ không dấu.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="107" />
        <location filename="../../ui/desktop/wizard.py" line="133" />
        <source>Province</source>
        <translation>Tỉnh/thành phố</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="111" />
        <source>Search communes</source>
        <translation>Tìm xã/phường</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="112" />
        <source>e.g. duc xuan</source>
        <translation>ví dụ: duc xuan</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="117" />
        <source>Commune</source>
        <translation>Xã/phường</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="129" />
        <source>Communes</source>
        <translation>Danh sách xã/phường</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="134" />
        <source>Search</source>
        <translation>Tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="162" />
        <source>Chosen: {name}, {province}</source>
        <translation>Đã chọn: {name}, {province}</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="164" />
        <source>No commune matches. Check the spelling or the province.</source>
        <translation>Không có xã/phường nào khớp. Kiểm tra lại chính tả hoặc tỉnh/thành phố.</translation>
    </message>
</context>
<context>
    <name>CreatePage</name>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="256" />
        <location filename="../../ui/desktop/wizard.py" line="281" />
        <source>Recovery key</source>
        <translation>Mã khôi phục</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="259" />
        <source>Creating the data</source>
        <translation>Đang tạo dữ liệu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="264" />
        <source>Write this recovery key on paper and keep it in a safe place, away from the computer. It is shown only this once. If every password is forgotten, it is the only way to open the data.</source>
        <translation>Hãy chép mã khôi phục này ra giấy và cất ở nơi an toàn, tách khỏi máy tính. Mã chỉ hiện một lần này. Nếu quên hết mật khẩu, đây là cách duy nhất để mở dữ liệu.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="283" />
        <source>Print the recovery key…</source>
        <translation>In mã khôi phục…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="284" />
        <source>Print the recovery key</source>
        <translation>In mã khôi phục</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="285" />
        <location filename="../../ui/desktop/wizard.py" line="286" />
        <source>I have written down or printed the recovery key</source>
        <translation>Tôi đã chép hoặc in mã khôi phục</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="287" />
        <location filename="../../ui/desktop/wizard.py" line="288" />
        <source>Try again</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="316" />
        <source>Creating the encrypted data for your commune…</source>
        <translation>Đang tạo dữ liệu mã hoá cho xã/phường của bạn…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="322" />
        <source>The data was created. Your user name is {user}.</source>
        <translation>Đã tạo dữ liệu. Tên đăng nhập của bạn là {user}.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="339" />
        <source>The data could not be created because of an unexpected error.</source>
        <translation>Không tạo được dữ liệu do một lỗi không lường trước.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="345" />
        <source>hocvuso recovery key</source>
        <translation>Mã khôi phục hocvuso</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="352" />
        <source>Keep this paper in a safe place. It opens the data if every password is forgotten.</source>
        <translation>Hãy cất tờ giấy này ở nơi an toàn. Mã này mở được dữ liệu khi quên hết mật khẩu.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="295" />
        <source>Kind of period</source>
        <translation>Loại kỳ báo cáo</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="296" />
        <location filename="../../ui/desktop/pages/dashboard.py" line="299" />
        <source>Quarter</source>
        <translation>Quý</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="297" />
        <source>Date range</source>
        <translation>Khoảng ngày</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="308" />
        <location filename="../../ui/desktop/pages/dashboard.py" line="320" />
        <source>From</source>
        <translation>Từ ngày</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="310" />
        <source>To</source>
        <translation>Đến ngày</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="321" />
        <source>to</source>
        <translation>đến ngày</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="330" />
        <source>Show</source>
        <translation>Xem</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="331" />
        <source>Show the report for this period</source>
        <translation>Xem báo cáo của khoảng thời gian này</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="332" />
        <source>Export PDF…</source>
        <translation>Xuất PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="333" />
        <source>Export the report as PDF</source>
        <translation>Xuất báo cáo ra tệp PDF</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="334" />
        <source>Export XLSX…</source>
        <translation>Xuất Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="335" />
        <source>Export the report as an Excel workbook</source>
        <translation>Xuất báo cáo ra tệp Excel</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="345" />
        <source>Period</source>
        <translation>Kỳ báo cáo</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="356" />
        <source>People helped</source>
        <translation>Người được hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="357" />
        <source>Participations</source>
        <translation>Lượt tham gia</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="358" />
        <source>Sessions held</source>
        <translation>Buổi đã tổ chức</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="359" />
        <source>Can do a skill alone for the first time</source>
        <translation>Lần đầu tự làm được một kỹ năng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="360" />
        <source>Activated VNeID level 2 on their own</source>
        <translation>Tự kích hoạt được VNeID mức 2</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="361" />
        <source>Team hours of help</source>
        <translation>Số giờ hướng dẫn của Tổ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="370" />
        <source>People helped by target group</source>
        <translation>Người được hỗ trợ theo nhóm đối tượng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="371" />
        <source>People helped by sex</source>
        <translation>Người được hỗ trợ theo giới tính</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="372" />
        <source>People helped by age band</source>
        <translation>Người được hỗ trợ theo độ tuổi</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="373" />
        <source>People helped by village</source>
        <translation>Người được hỗ trợ theo thôn, xóm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="374" />
        <source>People helped by skill group</source>
        <translation>Người được hướng dẫn theo nhóm kỹ năng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="376" />
        <source>People who can do it on their own, by skill group</source>
        <translation>Người tự làm được, theo nhóm kỹ năng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="378" />
        <source>People helped by skill (the 15 most taught)</source>
        <translation>Người được hướng dẫn theo kỹ năng (15 kỹ năng nhiều nhất)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="380" />
        <source>Digital identity: share of the population aged 16+ (cumulative)</source>
        <translation>Định danh điện tử: tỷ lệ so với dân số từ 16 tuổi (lũy kế)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="382" />
        <source>Team activity: hours per member</source>
        <translation>Hoạt động của Tổ: số giờ của từng thành viên</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="399" />
        <location filename="../../ui/desktop/pages/dashboard.py" line="420" />
        <source>Charts</source>
        <translation>Biểu đồ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="403" />
        <source>Table</source>
        <translation>Bảng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="405" />
        <source>Indicator table</source>
        <translation>Bảng chỉ tiêu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="419" />
        <source>Charts and tables</source>
        <translation>Biểu đồ và bảng số liệu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="421" />
        <source>Tables</source>
        <translation>Bảng số liệu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="493" />
        <source>Counting {period}…</source>
        <translation>Đang tổng hợp {period}…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="522" />
        <source>{commune} — {period}</source>
        <translation>{commune} — {period}</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="528" />
        <source>{start} to {end}, compared with {previous}; year to date from {ytd}. Counted at {time}.</source>
        <translation>Từ {start} đến {end}, so sánh với {previous}; lũy kế từ {ytd}. Tổng hợp lúc {time}.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="557" />
        <source>{change} against {previous}</source>
        <translation>{change} so với {previous}</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="614" />
        <source>Helped with VNeID</source>
        <translation>Được hướng dẫn VNeID</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="619" />
        <source>Level 2 on their own</source>
        <translation>Tự kích hoạt mức 2</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="665" />
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="665" />
        <source>Excel files (*.xlsx)</source>
        <translation>Tệp Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="667" />
        <source>Save the report</source>
        <translation>Lưu báo cáo</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="675" />
        <source>Writing {file}…</source>
        <translation>Đang ghi {file}…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="690" />
        <location filename="../../ui/desktop/pages/dashboard.py" line="692" />
        <source>Saved to {path}</source>
        <translation>Đã lưu vào {path}</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/dashboard.py" line="692" />
        <source>Report saved</source>
        <translation>Đã lưu báo cáo</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../ui/desktop/dialogs.py" line="28" />
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
</context>
<context>
    <name>DuplicateDialog</name>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="341" />
        <source>Duplicate session</source>
        <translation>Nhân bản buổi học</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="345" />
        <source>A copy of “{title}” with the same programme, skills and team. Attendance is not copied.</source>
        <translation>Một bản sao của “{title}” với cùng chương trình, kỹ năng và tổ. Danh sách điểm danh không được sao chép.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="354" />
        <source>Date of the copy</source>
        <translation>Ngày của bản sao</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="357" />
        <source>Start time of the copy</source>
        <translation>Giờ bắt đầu của bản sao</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="359" />
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="360" />
        <source>Start time</source>
        <translation>Giờ bắt đầu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="364" />
        <source>Duplicate</source>
        <translation>Nhân bản</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="365" />
        <source>Cancel</source>
        <translation>Huỷ bỏ</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="387" />
        <source>Set up hocvuso</source>
        <translation>Thiết lập hocvuso</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="397" />
        <source>Next</source>
        <translation>Tiếp</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="398" />
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="399" />
        <source>Cancel</source>
        <translation>Huỷ bỏ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="400" />
        <source>Start using hocvuso</source>
        <translation>Bắt đầu dùng hocvuso</translation>
    </message>
</context>
<context>
    <name>HomeVisitPage</name>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="73" />
        <source>Home visit</source>
        <translation>Hướng dẫn tại nhà</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="80" />
        <source>Record help given one to one at home: find the person, tick the skills, choose how far they got, then Ctrl+Enter.</source>
        <translation>Ghi lại việc hướng dẫn riêng tại nhà: tìm người, đánh dấu kỹ năng, chọn mức độ đạt được, rồi nhấn Ctrl+Enter.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="88" />
        <source>Person: scan a card or type a name, ID or phone</source>
        <translation>Người được hướng dẫn: quét thẻ hoặc gõ tên, số CCCD, số điện thoại</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="90" />
        <source>Scan a card or type a name (no accents needed), ID or phone, then Enter</source>
        <translation>Quét thẻ hoặc gõ tên (không cần dấu), số CCCD, số điện thoại rồi nhấn Enter</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="96" />
        <location filename="../../ui/desktop/pages/homevisit.py" line="154" />
        <location filename="../../ui/desktop/pages/homevisit.py" line="177" />
        <source>Person</source>
        <translation>Người học</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="101" />
        <source>Matching people</source>
        <translation>Những người khớp</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="111" />
        <source>Chosen person</source>
        <translation>Người đã chọn</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="115" />
        <location filename="../../ui/desktop/pages/homevisit.py" line="156" />
        <location filename="../../ui/desktop/pages/homevisit.py" line="180" />
        <source>Outcome</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="120" />
        <location filename="../../ui/desktop/pages/homevisit.py" line="181" />
        <source>Helped by</source>
        <translation>Người hướng dẫn</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="124" />
        <source>Date of the visit</source>
        <translation>Ngày hướng dẫn</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="127" />
        <location filename="../../ui/desktop/pages/homevisit.py" line="183" />
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="128" />
        <source>Optional, without personal details</source>
        <translation>Không bắt buộc, không ghi thông tin cá nhân</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="129" />
        <location filename="../../ui/desktop/pages/homevisit.py" line="130" />
        <source>Save the visit</source>
        <translation>Lưu buổi hướng dẫn</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="131" />
        <source>Save the visit (Ctrl+Enter)</source>
        <translation>Lưu buổi hướng dẫn (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="133" />
        <source>New person…</source>
        <translation>Thêm người mới…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="134" />
        <source>New person</source>
        <translation>Người mới</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="135" />
        <source>Add somebody who is not on the list yet (Ctrl+N)</source>
        <translation>Thêm người chưa có trong danh sách (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="148" />
        <source>Home visit message</source>
        <translation>Thông báo hướng dẫn tại nhà</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="153" />
        <source>When</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="155" />
        <source>Skills</source>
        <translation>Kỹ năng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="162" />
        <location filename="../../ui/desktop/pages/homevisit.py" line="196" />
        <source>Visits recorded just now</source>
        <translation>Các lần hướng dẫn vừa ghi</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="171" />
        <source>Home visits this month</source>
        <translation>Số lần hướng dẫn tại nhà tháng này</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="182" />
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="185" />
        <source>Skills helped with</source>
        <translation>Kỹ năng được hướng dẫn</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="241" />
        <source>(nobody from the team)</source>
        <translation>(không có thành viên Tổ)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="251" />
        <source>{n} home visits this month</source>
        <translation>Tháng này: {n} lần hướng dẫn tại nhà</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="265" />
        <source>Chosen: {person}</source>
        <translation>Đã chọn: {person}</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="267" />
        <source>Nobody chosen yet.</source>
        <translation>Chưa chọn ai.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="287" />
        <location filename="../../ui/desktop/pages/homevisit.py" line="350" />
        <source>Nobody found. Press Ctrl+N to add a new person.</source>
        <translation>Không tìm thấy ai. Nhấn Ctrl+N để thêm người mới.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="289" />
        <location filename="../../ui/desktop/pages/homevisit.py" line="348" />
        <source>Choose with ↑ ↓ and press Enter.</source>
        <translation>Chọn bằng ↑ ↓ rồi nhấn Enter.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="291" />
        <source>One match: press Enter to choose.</source>
        <translation>Có một người khớp: nhấn Enter để chọn.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="332" />
        <source>Several people match. Choose with ↑ ↓, then press Enter.</source>
        <translation>Có nhiều người khớp. Chọn bằng ↑ ↓ rồi nhấn Enter.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="357" />
        <source>This code is not a person's card.</source>
        <translation>Mã này không phải thẻ người học.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="407" />
        <source>Choose the person first.</source>
        <translation>Hãy chọn người được hướng dẫn trước.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="412" />
        <source>Tick at least one skill.</source>
        <translation>Hãy đánh dấu ít nhất một kỹ năng.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/homevisit.py" line="449" />
        <source>✓ Visit to {name} saved.</source>
        <translation>✓ Đã lưu buổi hướng dẫn cho {name}.</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="61" />
        <location filename="../../ui/desktop/pages/importing.py" line="99" />
        <location filename="../../ui/desktop/pages/importing.py" line="137" />
        <source>Row</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="66" />
        <location filename="../../ui/desktop/pages/importing.py" line="143" />
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="68" />
        <source>Born</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="73" />
        <source>Sex</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="78" />
        <source>ID number</source>
        <translation>Số CCCD</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="80" />
        <source>Phone</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="81" />
        <source>Village</source>
        <translation>Thôn/xóm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="83" />
        <source>Target group</source>
        <translation>Nhóm đối tượng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="88" />
        <source>Warnings</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="105" />
        <source>Problems</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="111" />
        <source>What the row says</source>
        <translation>Nội dung của dòng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="147" />
        <source>Resembles</source>
        <translation>Giống với</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="149" />
        <source>Why</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="155" />
        <source>Will be</source>
        <translation>Xử lý</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="170" />
        <source>row {n} of the file</source>
        <translation>dòng {n} của tệp</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="170" />
        <source>created anyway</source>
        <translation>vẫn tạo</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="170" />
        <source>skipped</source>
        <translation>bỏ qua</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="178" />
        <source>Import people from a spreadsheet</source>
        <translation>Nhập danh sách người học từ bảng tính</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="180" />
        <source>No file chosen yet.</source>
        <translation>Chưa chọn tệp.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="182" />
        <source>Choose another file…</source>
        <translation>Chọn tệp khác…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="183" />
        <source>Choose another file</source>
        <translation>Chọn tệp khác</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="189" />
        <source>Notes about the file</source>
        <translation>Lưu ý về tệp</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="203" />
        <source>New village</source>
        <translation>Thôn/xóm mới</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="207" />
        <source>Accepted rows</source>
        <translation>Các dòng hợp lệ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="208" />
        <source>Rejected rows</source>
        <translation>Các dòng có lỗi</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="209" />
        <source>Likely duplicates</source>
        <translation>Có thể trùng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="210" />
        <source>New villages</source>
        <translation>Thôn/xóm mới</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="239" />
        <source>Problems of the selected row</source>
        <translation>Các lỗi của dòng đang chọn</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="240" />
        <source>Select a row to see all its problems.</source>
        <translation>Chọn một dòng để xem mọi lỗi của dòng đó.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="249" />
        <source>Preview</source>
        <translation>Xem trước</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="257" />
        <source>Import only the valid rows and leave out the rejected ones</source>
        <translation>Chỉ nhập các dòng hợp lệ, bỏ qua các dòng có lỗi</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="259" />
        <source>Import only the valid rows</source>
        <translation>Chỉ nhập các dòng hợp lệ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="262" />
        <source>Also create the likely duplicates (only when you checked they are other people)</source>
        <translation>Vẫn tạo các dòng có thể trùng (chỉ khi đã kiểm tra đó là người khác)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="265" />
        <source>Also create the likely duplicates</source>
        <translation>Vẫn tạo các dòng có thể trùng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="268" />
        <source>What the import will do</source>
        <translation>Kết quả sẽ nhập</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="270" />
        <source>Progress</source>
        <translation>Tiến độ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="282" />
        <location filename="../../ui/desktop/pages/importing.py" line="284" />
        <source>Import</source>
        <translation>Nhập</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="286" />
        <location filename="../../ui/desktop/pages/importing.py" line="287" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="332" />
        <source>Choose the list of people</source>
        <translation>Chọn danh sách người học</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="333" />
        <source>Spreadsheets (*.xlsx *.xlsm *.csv);;All files (*)</source>
        <translation>Bảng tính (*.xlsx *.xlsm *.csv);;Mọi tệp (*)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="343" />
        <source>File: {name}</source>
        <translation>Tệp: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="353" />
        <source>Reading the file and checking every row…</source>
        <translation>Đang đọc tệp và kiểm tra từng dòng…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="383" />
        <source>Old Vietnamese text encoding ({enc}) was detected and converted.</source>
        <translation>Đã phát hiện và chuyển đổi bảng mã tiếng Việt cũ ({enc}).</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="389" />
        <source>Columns not used: {cols}.</source>
        <translation>Các cột không dùng: {cols}.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="393" />
        <source>Header on row {row}</source>
        <translation>Dòng tiêu đề ở dòng {row}</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="395" />
        <source>Sheet “{sheet}”, header on row {row}</source>
        <translation>Trang “{sheet}”, dòng tiêu đề ở dòng {row}</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="399" />
        <source>File: {name} — {where}</source>
        <translation>Tệp: {name} — {where}</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="415" />
        <source>Accepted ({n})</source>
        <translation>Hợp lệ ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="416" />
        <source>Rejected ({n})</source>
        <translation>Có lỗi ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="417" />
        <source>Likely duplicates ({n})</source>
        <translation>Có thể trùng ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="418" />
        <source>New villages ({n})</source>
        <translation>Thôn/xóm mới ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="430" />
        <source>Row {n}:</source>
        <translation>Dòng {n}:</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="445" />
        <source>{n} people will be created</source>
        <translation>Sẽ tạo {n} người</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="446" />
        <source>{n} skipped as duplicates</source>
        <translation>bỏ qua {n} dòng trùng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="449" />
        <source>{n} new villages</source>
        <translation>{n} thôn/xóm mới</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="455" />
        <source>{n} rows have problems: fix them in the file and choose it again, or tick “Import only the valid rows”. Nothing is written until then.</source>
        <translation>{n} dòng có lỗi: hãy sửa trong tệp rồi chọn lại tệp, hoặc đánh dấu “Chỉ nhập các dòng hợp lệ”. Chưa có gì được ghi.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="459" />
        <source>{n} rows with problems will be left out.</source>
        <translation>Sẽ bỏ qua {n} dòng có lỗi.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="474" />
        <source>Importing… the window stays usable.</source>
        <translation>Đang nhập… cửa sổ vẫn dùng được.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="490" />
        <source>{n} people were imported.</source>
        <translation>Đã nhập {n} người.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="493" />
        <source>{n} likely duplicates were skipped.</source>
        <translation>Đã bỏ qua {n} dòng có thể trùng.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="499" />
        <source>{n} rows with problems were left out.</source>
        <translation>Đã bỏ qua {n} dòng có lỗi.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="505" />
        <source>New villages: {names}.</source>
        <translation>Thôn/xóm mới: {names}.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/importing.py" line="507" />
        <source>Import finished</source>
        <translation>Đã nhập xong</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="69" />
        <source>Welcome to hocvuso</source>
        <translation>Chào mừng đến với hocvuso</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="72" />
        <source>The record book of the digital-skills movement for your commune. These steps set it up on this computer.</source>
        <translation>Sổ theo dõi phong trào Bình dân học vụ số của xã/phường. Các bước sau sẽ thiết lập chương trình trên máy tính này.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="84" />
        <source>Language of the program</source>
        <translation>Ngôn ngữ của chương trình</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <location filename="../../ui/desktop/login.py" line="406" />
        <location filename="../../ui/desktop/login.py" line="408" />
        <location filename="../../ui/desktop/login.py" line="409" />
        <source>hocvuso is locked</source>
        <translation>hocvuso đang khoá</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="416" />
        <source>Locked after a time without use. {name}, type your password to continue where you left off.</source>
        <translation>Đã tự khoá vì không dùng một lúc. {name}, hãy nhập mật khẩu để làm tiếp từ chỗ đang dừng.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="424" />
        <location filename="../../ui/desktop/login.py" line="440" />
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="427" />
        <source>Unlock message</source>
        <translation>Thông báo mở khoá</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="428" />
        <location filename="../../ui/desktop/login.py" line="430" />
        <source>Unlock</source>
        <translation>Mở khoá</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="431" />
        <location filename="../../ui/desktop/login.py" line="432" />
        <source>Log out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="456" />
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="471" />
        <source>This password does not open this data.</source>
        <translation>Mật khẩu này không mở được dữ liệu này.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/desktop/login.py" line="57" />
        <source>The data could not be opened because of an unexpected error.</source>
        <translation>Không mở được dữ liệu do một lỗi không lường trước.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="87" />
        <source>Log in to hocvuso</source>
        <translation>Đăng nhập hocvuso</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="90" />
        <location filename="../../ui/desktop/login.py" line="99" />
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="97" />
        <location filename="../../ui/desktop/login.py" line="100" />
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="103" />
        <source>Login message</source>
        <translation>Thông báo đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="106" />
        <source>Opening the data</source>
        <translation>Đang mở dữ liệu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="110" />
        <location filename="../../ui/desktop/login.py" line="112" />
        <source>Log in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="115" />
        <source>Forgot password…</source>
        <translation>Quên mật khẩu…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="117" />
        <source>Forgot password</source>
        <translation>Quên mật khẩu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="119" />
        <location filename="../../ui/desktop/login.py" line="121" />
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="125" />
        <source>hocvuso — digital-skills record book of the commune</source>
        <translation>hocvuso — Sổ theo dõi Bình dân học vụ số của xã/phường</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="168" />
        <source>Checking the password and opening the data…</source>
        <translation>Đang kiểm tra mật khẩu và mở dữ liệu…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="187" />
        <source>Upgrading the data to this version…</source>
        <translation>Đang nâng cấp dữ liệu lên phiên bản này…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/desktop/mainwindow.py" line="85" />
        <source>hocvuso — {commune}</source>
        <translation>hocvuso — {commune}</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/mainwindow.py" line="87" />
        <source>Sessions</source>
        <translation>Buổi học</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/mainwindow.py" line="88" />
        <source>Check-in</source>
        <translation>Điểm danh</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/mainwindow.py" line="89" />
        <source>Home visit</source>
        <translation>Hướng dẫn tại nhà</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/mainwindow.py" line="90" />
        <source>People</source>
        <translation>Người học</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/mainwindow.py" line="91" />
        <source>Team and villages</source>
        <translation>Tổ công nghệ số và thôn</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/mainwindow.py" line="92" />
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/mainwindow.py" line="93" />
        <source>Sync</source>
        <translation>Đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/mainwindow.py" line="94" />
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/mainwindow.py" line="98" />
        <source>Screens</source>
        <translation>Các màn hình</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/mainwindow.py" line="119" />
        <source>Officer: {name} ({role})</source>
        <translation>Cán bộ: {name} ({role})</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/mainwindow.py" line="121" />
        <source>Logged-in officer</source>
        <translation>Cán bộ đang đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/mainwindow.py" line="123" />
        <source>Commune</source>
        <translation>Xã/phường</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/mainwindow.py" line="127" />
        <source>Working</source>
        <translation>Đang xử lý</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/mainwindow.py" line="129" />
        <source>Sync: not set up yet</source>
        <translation>Đồng bộ: chưa thiết lập</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/mainwindow.py" line="130" />
        <source>Sync state</source>
        <translation>Tình trạng đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/mainwindow.py" line="152" />
        <source>&amp;hocvuso</source>
        <translation>&amp;hocvuso</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/mainwindow.py" line="158" />
        <source>Lock now</source>
        <translation>Khoá ngay</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/mainwindow.py" line="161" />
        <source>Log out</source>
        <translation>Đăng xuất</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/mainwindow.py" line="163" />
        <source>Quit</source>
        <translation>Thoát</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="119" />
        <source>Merge two records</source>
        <translation>Gộp hai hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="122" />
        <source>Both records will become one. Sessions and skills of the other record move to the one you keep; its empty details are filled from the other. This cannot be undone.</source>
        <translation>Hai hồ sơ sẽ gộp thành một. Các buổi học và kỹ năng của hồ sơ kia được chuyển sang hồ sơ được giữ; thông tin còn trống được bổ sung từ hồ sơ kia. Không thể hoàn tác.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="132" />
        <source>Born</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="133" />
        <source>Sex</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="134" />
        <source>ID number</source>
        <translation>Số CCCD</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="135" />
        <source>Phone</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="136" />
        <source>Village</source>
        <translation>Thôn/xóm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="137" />
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="140" />
        <location filename="../../ui/desktop/pages/people.py" line="141" />
        <source>Keep {name}</source>
        <translation>Giữ {name}</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="154" />
        <location filename="../../ui/desktop/pages/people.py" line="156" />
        <source>Merge</source>
        <translation>Gộp</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="158" />
        <source>Cancel</source>
        <translation>Huỷ bỏ</translation>
    </message>
</context>
<context>
    <name>OfficerPage</name>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="192" />
        <source>The first officer account</source>
        <translation>Tài khoản cán bộ đầu tiên</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="195" />
        <source>This account is the administrator: it can add the accounts of other officers and team members later.</source>
        <translation>Tài khoản này là quản trị viên: sau này có thể thêm tài khoản cho cán bộ khác và thành viên Tổ công nghệ số.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="200" />
        <location filename="../../ui/desktop/wizard.py" line="212" />
        <source>Officer's full name</source>
        <translation>Họ tên cán bộ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="205" />
        <location filename="../../ui/desktop/wizard.py" line="214" />
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="208" />
        <location filename="../../ui/desktop/wizard.py" line="215" />
        <source>Repeat password</source>
        <translation>Nhập lại mật khẩu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="213" />
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="220" />
        <source>Create the data</source>
        <translation>Tạo dữ liệu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="229" />
        <source>The password needs at least {n} characters.</source>
        <translation>Mật khẩu cần ít nhất {n} ký tự.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="232" />
        <source>The two passwords do not match.</source>
        <translation>Hai lần nhập mật khẩu không khớp.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/wizard.py" line="236" />
        <source>Choose a password of at least {n} characters that others cannot guess.</source>
        <translation>Chọn mật khẩu ít nhất {n} ký tự mà người khác không đoán được.</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <location filename="../../ui/desktop/pages/__init__.py" line="70" />
        <source>Unexpected error</source>
        <translation>Lỗi không lường trước</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/__init__.py" line="71" />
        <source>Something went wrong and the action was not completed. Your data is safe. A report without personal data was saved: {path}</source>
        <translation>Đã xảy ra lỗi và thao tác chưa hoàn thành. Dữ liệu của bạn vẫn an toàn. Một báo cáo lỗi không chứa thông tin cá nhân đã được lưu: {path}</translation>
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
    <name>PeoplePage</name>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="73" />
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="75" />
        <source>Born</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="80" />
        <source>Sex</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="81" />
        <source>Village</source>
        <translation>Thôn/xóm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="83" />
        <source>Target group</source>
        <translation>Nhóm đối tượng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="88" />
        <source>ID number</source>
        <translation>Số CCCD</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="89" />
        <source>Phone</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="193" />
        <source>Search by name (no accents needed), ID or phone</source>
        <translation>Tìm tên (không cần dấu), số CCCD, điện thoại</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="194" />
        <source>Search people</source>
        <translation>Tìm người học</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="197" />
        <source>Clear the search</source>
        <translation>Xoá nội dung tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="199" />
        <source>Filter by village</source>
        <translation>Lọc theo thôn/xóm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="200" />
        <source>All villages</source>
        <translation>Mọi thôn/xóm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="202" />
        <source>Filter by target group</source>
        <translation>Lọc theo nhóm đối tượng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="203" />
        <source>All target groups</source>
        <translation>Mọi nhóm đối tượng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="207" />
        <source>Filter by age</source>
        <translation>Lọc theo độ tuổi</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="208" />
        <source>All ages</source>
        <translation>Mọi lứa tuổi</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="212" />
        <source>Filter: skill not yet mastered</source>
        <translation>Lọc: kỹ năng chưa tự làm được</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="213" />
        <source>Any skill progress</source>
        <translation>Mọi kỹ năng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="224" />
        <source>Number of people found</source>
        <translation>Số người tìm thấy</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="228" />
        <source>People</source>
        <translation>Người học</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="248" />
        <source>New person…</source>
        <translation>Thêm người mới…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="249" />
        <source>New person</source>
        <translation>Người mới</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="250" />
        <source>Ctrl+N</source>
        <translation>Ctrl+N</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="251" />
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="252" />
        <source>Open the selected person</source>
        <translation>Mở người đang chọn</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="253" />
        <source>Edit…</source>
        <translation>Sửa…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="254" />
        <source>Edit the selected person</source>
        <translation>Sửa người đang chọn</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="255" />
        <source>Merge two…</source>
        <translation>Gộp hai hồ sơ…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="256" />
        <source>Merge the two selected records</source>
        <translation>Gộp hai hồ sơ đang chọn</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="257" />
        <source>Select the two records of the same person first</source>
        <translation>Hãy chọn trước hai hồ sơ của cùng một người</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="258" />
        <source>Erase on request…</source>
        <translation>Xoá theo yêu cầu…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="259" />
        <source>Erase the selected person's data on request</source>
        <translation>Xoá dữ liệu của người đang chọn theo yêu cầu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="260" />
        <source>Import from a spreadsheet…</source>
        <translation>Nhập từ bảng tính…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="261" />
        <source>Import people from a spreadsheet</source>
        <translation>Nhập danh sách người học từ bảng tính</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="421" />
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="464" />
        <source>{n} people</source>
        <translation>{n} người</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="474" />
        <source>Nobody matches. Check the spelling or clear the filters.</source>
        <translation>Không có ai phù hợp. Hãy kiểm tra chính tả hoặc bỏ bớt bộ lọc.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="478" />
        <source>Nobody is recorded yet. Add a person or import a spreadsheet.</source>
        <translation>Chưa có ai trong danh sách. Hãy thêm người học hoặc nhập từ bảng tính.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="577" />
        <location filename="../../ui/desktop/pages/people.py" line="605" />
        <source>Merge two records</source>
        <translation>Gộp hai hồ sơ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="578" />
        <source>Select exactly two records of the same person, then choose Merge.</source>
        <translation>Hãy chọn đúng hai hồ sơ của cùng một người rồi bấm Gộp.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="606" />
        <source>The two records are now one: {name}.</source>
        <translation>Hai hồ sơ đã gộp thành một: {name}.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="622" />
        <location filename="../../ui/desktop/pages/people.py" line="641" />
        <source>Erase on request</source>
        <translation>Xoá theo yêu cầu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="624" />
        <source>Erase the personal data of {name}? Use this only when the person asks for it (right to erasure). The name, birth date, ID number, phone, sensitive data and notes are deleted for good; the sessions and skills stay in the counts without the name.</source>
        <translation>Xoá dữ liệu cá nhân của {name}? Chỉ làm việc này khi chính người đó yêu cầu (quyền xoá dữ liệu). Họ tên, ngày sinh, số CCCD, số điện thoại, dữ liệu nhạy cảm và ghi chú bị xoá hẳn; các buổi học và kỹ năng vẫn được tính trong số liệu nhưng không còn tên.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/people.py" line="641" />
        <source>The person's data was erased.</source>
        <translation>Đã xoá dữ liệu của người này.</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="77" />
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="79" />
        <source>Born</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="83" />
        <source>Village</source>
        <translation>Thôn/xóm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="84" />
        <source>ID number</source>
        <translation>Số CCCD</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="85" />
        <source>Phone</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="87" />
        <source>Why</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="95" />
        <source>same ID number</source>
        <translation>cùng số CCCD</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="96" />
        <source>same name</source>
        <translation>cùng họ tên</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="97" />
        <source>same birth year</source>
        <translation>cùng năm sinh</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="98" />
        <source>close birth years</source>
        <translation>năm sinh gần nhau</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="99" />
        <source>same phone</source>
        <translation>cùng số điện thoại</translation>
    </message>
</context>
<context>
    <name>PersonFormDialog</name>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="156" />
        <source>Edit person</source>
        <translation>Sửa thông tin người học</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="156" />
        <source>New person</source>
        <translation>Người mới</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="170" />
        <location filename="../../ui/desktop/pages/person_form.py" line="214" />
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="172" />
        <source>e.g. Nguyễn Thị Hoà</source>
        <translation>ví dụ Nguyễn Thị Hoà</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="175" />
        <source>The name may have been changed by the Vietnamese input method while scanning. Compare it with the ID card and correct it if needed.</source>
        <translation>Họ tên có thể đã bị bộ gõ tiếng Việt làm sai khi quét. Hãy đối chiếu với thẻ căn cước và sửa nếu cần.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="180" />
        <source>I have compared the name with the ID card</source>
        <translation>Tôi đã đối chiếu họ tên với thẻ căn cước</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="181" />
        <source>Name compared with the ID card</source>
        <translation>Đã đối chiếu họ tên với thẻ căn cước</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="183" />
        <location filename="../../ui/desktop/pages/person_form.py" line="218" />
        <source>Date or year of birth</source>
        <translation>Ngày hoặc năm sinh</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="184" />
        <source>dd/mm/yyyy or yyyy</source>
        <translation>ngày/tháng/năm hoặc năm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="186" />
        <location filename="../../ui/desktop/pages/person_form.py" line="219" />
        <source>Sex</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="187" />
        <location filename="../../ui/desktop/pages/person_form.py" line="203" />
        <source>Not recorded</source>
        <translation>Chưa ghi</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="191" />
        <source>Personal ID number (CCCD)</source>
        <translation>Số định danh cá nhân (CCCD)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="192" />
        <source>12 digits</source>
        <translation>12 chữ số</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="196" />
        <source>ID number warnings</source>
        <translation>Cảnh báo về số CCCD</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="199" />
        <location filename="../../ui/desktop/pages/person_form.py" line="222" />
        <source>Phone</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="200" />
        <source>e.g. 0912345678</source>
        <translation>ví dụ 0912345678</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="202" />
        <location filename="../../ui/desktop/pages/person_form.py" line="223" />
        <source>Village</source>
        <translation>Thôn/xóm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="205" />
        <location filename="../../ui/desktop/pages/person_form.py" line="224" />
        <source>Target group</source>
        <translation>Nhóm đối tượng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="220" />
        <source>ID number (CCCD)</source>
        <translation>Số CCCD</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="226" />
        <source>Sensitive data (only with consent)</source>
        <translation>Dữ liệu nhạy cảm (chỉ ghi khi được đồng ý)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="229" />
        <source>Ethnicity and disability are recorded only if the person agrees, after being asked. Leave them empty otherwise.</source>
        <translation>Chỉ ghi dân tộc và tình trạng khuyết tật khi đã hỏi và người này đồng ý. Nếu không, để trống.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="234" />
        <source>Asked: the person agrees</source>
        <translation>Đã hỏi: người này đồng ý</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="235" />
        <source>Consent to record ethnicity and disability</source>
        <translation>Đồng ý ghi dân tộc và tình trạng khuyết tật</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="236" />
        <source>A parent or guardian also agrees</source>
        <translation>Cha mẹ hoặc người giám hộ cũng đồng ý</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="237" />
        <source>Needed because the person is under 16.</source>
        <translation>Cần vì người này dưới 16 tuổi.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="238" />
        <source>Guardian's consent</source>
        <translation>Sự đồng ý của người giám hộ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="243" />
        <location filename="../../ui/desktop/pages/person_form.py" line="263" />
        <source>Ethnicity</source>
        <translation>Dân tộc</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="250" />
        <location filename="../../ui/desktop/pages/person_form.py" line="264" />
        <source>Disability</source>
        <translation>Khuyết tật</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="251" />
        <source>e.g. low vision</source>
        <translation>ví dụ thị lực kém</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="253" />
        <source>Without consent, ethnicity and disability are not recorded (and are removed).</source>
        <translation>Khi chưa được đồng ý, dân tộc và khuyết tật không được ghi (và sẽ bị xoá).</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="269" />
        <location filename="../../ui/desktop/pages/person_form.py" line="273" />
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="288" />
        <source>This person may already be recorded</source>
        <translation>Người này có thể đã có trong danh sách</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="292" />
        <source>Possible duplicates</source>
        <translation>Có thể trùng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="311" />
        <location filename="../../ui/desktop/pages/person_form.py" line="312" />
        <source>Open the existing person</source>
        <translation>Mở người đã có</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="313" />
        <location filename="../../ui/desktop/pages/person_form.py" line="314" />
        <source>Merge into the existing person</source>
        <translation>Gộp vào người đã có</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="316" />
        <source>Keep the existing record and add the details typed here to it</source>
        <translation>Giữ hồ sơ đã có và bổ sung vào đó thông tin vừa nhập</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="318" />
        <location filename="../../ui/desktop/pages/person_form.py" line="319" />
        <source>Save as a new person</source>
        <translation>Lưu thành người mới</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="336" />
        <location filename="../../ui/desktop/pages/person_form.py" line="337" />
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="338" />
        <location filename="../../ui/desktop/pages/person_form.py" line="339" />
        <source>Cancel</source>
        <translation>Huỷ bỏ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="441" />
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="508" />
        <source>The ID number has more than 12 digits.</source>
        <translation>Số CCCD có nhiều hơn 12 chữ số.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="538" />
        <source>Write the birth date as dd/mm/yyyy, or only the year (yyyy).</source>
        <translation>Ghi ngày sinh theo dạng ngày/tháng/năm (dd/mm/yyyy), hoặc chỉ năm sinh (yyyy).</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="594" />
        <source>Compare the name with the ID card: correct it, or tick the box to confirm that it is right.</source>
        <translation>Hãy đối chiếu họ tên với thẻ căn cước: sửa lại, hoặc đánh dấu vào ô để xác nhận là đúng.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="604" />
        <source>Saving…</source>
        <translation>Đang lưu…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="633" />
        <source>Nothing was saved yet. Open the existing person, merge into them, or save as a new person if this is somebody else.</source>
        <translation>Chưa lưu gì. Hãy mở người đã có, gộp vào người đó, hoặc lưu thành người mới nếu đây là người khác.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person_form.py" line="689" />
        <source>Merging…</source>
        <translation>Đang gộp…</translation>
    </message>
</context>
<context>
    <name>PersonPage</name>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="48" />
        <source>Competence domain</source>
        <translation>Miền năng lực</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="53" />
        <source>Introduced</source>
        <translation>Đã giới thiệu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="59" />
        <source>Practised</source>
        <translation>Đã thực hành</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="65" />
        <source>Can do alone</source>
        <translation>Tự làm được</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="71" />
        <source>Progress</source>
        <translation>Tiến độ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="80" />
        <location filename="../../ui/desktop/pages/person.py" line="102" />
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="81" />
        <location filename="../../ui/desktop/pages/person.py" line="115" />
        <source>Session</source>
        <translation>Buổi học</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="83" />
        <source>Programme</source>
        <translation>Chương trình</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="88" />
        <source>Format</source>
        <translation>Hình thức</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="93" />
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="104" />
        <source>Skill</source>
        <translation>Kỹ năng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="110" />
        <source>Outcome</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="114" />
        <source>Helped by</source>
        <translation>Người hướng dẫn</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="159" />
        <source>← Back to the list</source>
        <translation>← Quay lại danh sách</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="160" />
        <source>Back to the list</source>
        <translation>Quay lại danh sách</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="162" />
        <source>Edit…</source>
        <translation>Sửa…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="163" />
        <source>Edit this person</source>
        <translation>Sửa thông tin người này</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="164" />
        <source>Erase on request…</source>
        <translation>Xoá theo yêu cầu…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="165" />
        <source>Erase this person's data on request</source>
        <translation>Xoá dữ liệu của người này theo yêu cầu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="179" />
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="183" />
        <source>Details</source>
        <translation>Thông tin</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="187" />
        <source>Born</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="188" />
        <source>Sex</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="189" />
        <source>ID number</source>
        <translation>Số CCCD</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="190" />
        <source>Phone</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="191" />
        <source>Village</source>
        <translation>Thôn/xóm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="192" />
        <source>Target group</source>
        <translation>Nhóm đối tượng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="193" />
        <source>Ethnicity, disability</source>
        <translation>Dân tộc, khuyết tật</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="194" />
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="207" />
        <source>Progress per competence domain</source>
        <translation>Tiến bộ theo miền năng lực</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="223" />
        <source>Skills of the catalogue in each domain of the Thông tư 02/2025 framework, by the furthest step reached. The bar shows skills helped with (light) and mastered (dark).</source>
        <translation>Số kỹ năng trong danh mục thuộc mỗi miền của khung năng lực Thông tư 02/2025, theo mức cao nhất đã đạt. Thanh ngang cho thấy kỹ năng đã được hướng dẫn (nhạt) và đã tự làm được (đậm).</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="229" />
        <source>Progress per competence domain (Thông tư 02)</source>
        <translation>Tiến bộ theo miền năng lực (Thông tư 02)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="237" />
        <location filename="../../ui/desktop/pages/person.py" line="261" />
        <source>Sessions attended</source>
        <translation>Các buổi đã tham gia</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="241" />
        <location filename="../../ui/desktop/pages/person.py" line="260" />
        <source>Skill timeline</source>
        <translation>Quá trình học kỹ năng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="259" />
        <source>Sessions and skills</source>
        <translation>Buổi học và kỹ năng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="304" />
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="342" />
        <source>This person is no longer on the list.</source>
        <translation>Người này không còn trong danh sách.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="359" />
        <source>{sessions} sessions attended · {skills} skills helped with · {done} mastered</source>
        <translation>Đã dự {sessions} buổi · được hướng dẫn {skills} kỹ năng · tự làm được {done}</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="371" />
        <source>(recorded with consent)</source>
        <translation>(ghi khi đã được đồng ý)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/person.py" line="374" />
        <source>Not recorded (no consent)</source>
        <translation>Không ghi (chưa có sự đồng ý)</translation>
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
    <name>QLineEdit</name>
    <message>
        <location filename="../../ui/desktop/main.py" line="64" />
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="65" />
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="66" />
        <source>Cu&amp;t</source>
        <translation>&amp;Cắt</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="67" />
        <source>&amp;Copy</source>
        <translation>Sao &amp;chép</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="68" />
        <source>&amp;Paste</source>
        <translation>&amp;Dán</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="69" />
        <source>Delete</source>
        <translation>Xoá</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="70" />
        <source>Select All</source>
        <translation>Chọn tất cả</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <location filename="../../ui/desktop/main.py" line="50" />
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="51" />
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="52" />
        <source>Open</source>
        <translation>Mở</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="53" />
        <source>&amp;Yes</source>
        <translation>&amp;Có</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="54" />
        <source>&amp;No</source>
        <translation>&amp;Không</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="55" />
        <source>Abort</source>
        <translation>Dừng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="56" />
        <source>Retry</source>
        <translation>Thử lại</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="57" />
        <source>Ignore</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="58" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="59" />
        <source>Cancel</source>
        <translation>Huỷ bỏ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="60" />
        <source>Discard</source>
        <translation>Bỏ thay đổi</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="61" />
        <source>Help</source>
        <translation>Trợ giúp</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="62" />
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="63" />
        <source>Reset</source>
        <translation>Đặt lại</translation>
    </message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message>
        <location filename="../../ui/desktop/main.py" line="71" />
        <source>&amp;Undo</source>
        <translation>&amp;Hoàn tác</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="72" />
        <source>&amp;Redo</source>
        <translation>&amp;Làm lại</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="73" />
        <source>Cu&amp;t</source>
        <translation>&amp;Cắt</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="74" />
        <source>&amp;Copy</source>
        <translation>Sao &amp;chép</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="75" />
        <source>&amp;Paste</source>
        <translation>&amp;Dán</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="76" />
        <source>Delete</source>
        <translation>Xoá</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/main.py" line="77" />
        <source>Select All</source>
        <translation>Chọn tất cả</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../ui/desktop/login.py" line="219" />
        <source>Forgotten password</source>
        <translation>Quên mật khẩu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="222" />
        <source>Type the recovery key written on paper at set-up, then choose a new password.</source>
        <translation>Nhập mã khôi phục đã chép ra giấy khi thiết lập, rồi chọn mật khẩu mới.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="228" />
        <location filename="../../ui/desktop/login.py" line="239" />
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="230" />
        <location filename="../../ui/desktop/login.py" line="240" />
        <source>Recovery key</source>
        <translation>Mã khôi phục</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="234" />
        <location filename="../../ui/desktop/login.py" line="241" />
        <source>New password</source>
        <translation>Mật khẩu mới</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="237" />
        <location filename="../../ui/desktop/login.py" line="242" />
        <source>Repeat the new password</source>
        <translation>Nhập lại mật khẩu mới</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="258" />
        <source>The two passwords do not match.</source>
        <translation>Hai lần nhập mật khẩu không khớp.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/login.py" line="267" />
        <source>Checking the recovery key…</source>
        <translation>Đang kiểm tra mã khôi phục…</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="97" />
        <source>Restore from a backup</source>
        <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="102" />
        <source>Backup of {date}: {people} people, {sessions} sessions, {skills} skill records.</source>
        <translation>Bản sao lưu lúc {date}: {people} người, {sessions} buổi học, {skills} lượt ghi kỹ năng.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="113" />
        <source>The data now on this computer is not deleted: it is moved aside into the “backups” folder beside the data file, and can be brought back from there. Everything recorded after the backup was made will no longer be shown. After restoring, log in again.</source>
        <translation>Dữ liệu hiện có trên máy này không bị xoá: nó được chuyển vào thư mục “backups” cạnh tệp dữ liệu và có thể lấy lại từ đó. Những gì ghi sau lúc sao lưu sẽ không còn hiện. Sau khi khôi phục, hãy đăng nhập lại.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="121" />
        <source>User name in the backup</source>
        <translation>Tên đăng nhập trong bản sao lưu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="124" />
        <location filename="../../ui/desktop/pages/settings.py" line="127" />
        <source>Password when the backup was made</source>
        <translation>Mật khẩu vào lúc sao lưu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="126" />
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="130" />
        <location filename="../../ui/desktop/pages/settings.py" line="132" />
        <source>Restore</source>
        <translation>Khôi phục</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="134" />
        <location filename="../../ui/desktop/pages/settings.py" line="135" />
        <source>Cancel</source>
        <translation>Huỷ bỏ</translation>
    </message>
</context>
<context>
    <name>SessionForm</name>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="127" />
        <source>Edit session</source>
        <translation>Sửa buổi học</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="127" />
        <source>New session</source>
        <translation>Buổi học mới</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="130" />
        <location filename="../../ui/desktop/pages/sessions.py" line="185" />
        <source>Title</source>
        <translation>Tên buổi học</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="132" />
        <location filename="../../ui/desktop/pages/sessions.py" line="186" />
        <source>Programme</source>
        <translation>Chương trình</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="136" />
        <location filename="../../ui/desktop/pages/sessions.py" line="187" />
        <source>Format</source>
        <translation>Hình thức</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="142" />
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="145" />
        <source>Start time</source>
        <translation>Giờ bắt đầu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="146" />
        <source>Ends at</source>
        <translation>Kết thúc lúc</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="147" />
        <source>Has an end time</source>
        <translation>Có giờ kết thúc</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="150" />
        <source>End time</source>
        <translation>Giờ kết thúc</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="152" />
        <location filename="../../ui/desktop/pages/sessions.py" line="195" />
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="154" />
        <location filename="../../ui/desktop/pages/sessions.py" line="196" />
        <source>Village</source>
        <translation>Thôn/xóm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="155" />
        <source>(whole commune)</source>
        <translation>(toàn xã)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="159" />
        <location filename="../../ui/desktop/pages/sessions.py" line="197" />
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="178" />
        <location filename="../../ui/desktop/pages/sessions.py" line="203" />
        <source>Team members helping</source>
        <translation>Thành viên Tổ tham gia hướng dẫn</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="180" />
        <location filename="../../ui/desktop/pages/sessions.py" line="199" />
        <source>Notes</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="194" />
        <source>Date and time</source>
        <translation>Ngày giờ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="198" />
        <source>Target groups</source>
        <translation>Nhóm đối tượng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="201" />
        <source>Planned skills</source>
        <translation>Kỹ năng dự kiến</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="219" />
        <location filename="../../ui/desktop/pages/sessions.py" line="220" />
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="222" />
        <location filename="../../ui/desktop/pages/sessions.py" line="223" />
        <source>Close without saving</source>
        <translation>Đóng, không lưu</translation>
    </message>
</context>
<context>
    <name>SessionsPage</name>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="399" />
        <location filename="../../ui/desktop/pages/sessions.py" line="517" />
        <source>Month</source>
        <translation>Tháng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="401" />
        <location filename="../../ui/desktop/pages/sessions.py" line="425" />
        <location filename="../../ui/desktop/pages/sessions.py" line="518" />
        <source>Programme</source>
        <translation>Chương trình</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="403" />
        <location filename="../../ui/desktop/pages/sessions.py" line="428" />
        <location filename="../../ui/desktop/pages/sessions.py" line="519" />
        <source>Format</source>
        <translation>Hình thức</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="405" />
        <location filename="../../ui/desktop/pages/sessions.py" line="430" />
        <location filename="../../ui/desktop/pages/sessions.py" line="520" />
        <source>Village</source>
        <translation>Thôn/xóm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="407" />
        <location filename="../../ui/desktop/pages/sessions.py" line="434" />
        <location filename="../../ui/desktop/pages/sessions.py" line="521" />
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="409" />
        <source>All formats</source>
        <translation>Mọi hình thức</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="412" />
        <source>All statuses</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="415" />
        <source>All programmes</source>
        <translation>Mọi chương trình</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="416" />
        <source>All villages</source>
        <translation>Mọi thôn/xóm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="421" />
        <source>When</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="423" />
        <source>Title</source>
        <translation>Tên buổi học</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="436" />
        <source>Present</source>
        <translation>Có mặt</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="444" />
        <location filename="../../ui/desktop/pages/sessions.py" line="509" />
        <source>Sessions</source>
        <translation>Buổi học</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="473" />
        <source>New session</source>
        <translation>Buổi học mới</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="474" />
        <source>Edit</source>
        <translation>Sửa</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="475" />
        <source>Duplicate</source>
        <translation>Nhân bản</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="476" />
        <location filename="../../ui/desktop/pages/sessions.py" line="707" />
        <source>Cancel session</source>
        <translation>Huỷ buổi học</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="477" />
        <source>Print attendance sheet…</source>
        <translation>In danh sách điểm danh…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="478" />
        <source>Check-in</source>
        <translation>Điểm danh</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="508" />
        <source>Number of sessions</source>
        <translation>Số buổi học</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="559" />
        <source>All months</source>
        <translation>Mọi tháng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="624" />
        <source>{n} sessions</source>
        <translation>{n} buổi học</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sessions.py" line="709" />
        <source>Cancel “{title}” on {when}? It stays in the list as cancelled; no check-in is possible any more.</source>
        <translation>Huỷ buổi “{title}” lúc {when}? Buổi học vẫn nằm trong danh sách với trạng thái đã huỷ và không thể điểm danh nữa.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="77" />
        <source>User name</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="78" />
        <location filename="../../ui/desktop/pages/settings.py" line="266" />
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="80" />
        <location filename="../../ui/desktop/pages/settings.py" line="239" />
        <location filename="../../ui/desktop/pages/settings.py" line="268" />
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="83" />
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="176" />
        <source>Back up now…</source>
        <translation>Sao lưu ngay…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="177" />
        <source>Back up now</source>
        <translation>Sao lưu ngay</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="178" />
        <source>Restore from a backup…</source>
        <translation>Khôi phục từ bản sao lưu…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="179" />
        <location filename="../../ui/desktop/pages/settings.py" line="509" />
        <source>Restore from a backup</source>
        <translation>Khôi phục từ bản sao lưu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="182" />
        <source>Only an administrator can restore a backup.</source>
        <translation>Chỉ quản trị viên mới khôi phục được bản sao lưu.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="185" />
        <source>Automatic backups</source>
        <translation>Sao lưu tự động</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="189" />
        <source>A backup file stays encrypted: it opens only with an officer's password. Keep a copy on a USB stick away from this computer.</source>
        <translation>Tệp sao lưu vẫn được mã hoá: chỉ mở được bằng mật khẩu của cán bộ. Hãy giữ một bản trên USB, cất xa máy tính này.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="196" />
        <source>Progress</source>
        <translation>Tiến độ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="201" />
        <source>Backup and restore</source>
        <translation>Sao lưu và khôi phục</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="216" />
        <location filename="../../ui/desktop/pages/settings.py" line="217" />
        <source>Check the data</source>
        <translation>Kiểm tra dữ liệu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="219" />
        <source>Checks that the data file is whole and readable. Takes a few seconds.</source>
        <translation>Kiểm tra tệp dữ liệu còn nguyên vẹn và đọc được. Mất vài giây.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="222" />
        <source>Result of the data check</source>
        <translation>Kết quả kiểm tra dữ liệu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="224" />
        <location filename="../../ui/desktop/pages/settings.py" line="593" />
        <source>Data check</source>
        <translation>Kiểm tra dữ liệu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="231" />
        <source>Active</source>
        <translation>Đang hoạt động</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="231" />
        <source>Disabled</source>
        <translation>Đã khoá</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="233" />
        <location filename="../../ui/desktop/pages/settings.py" line="287" />
        <source>Officer accounts</source>
        <translation>Tài khoản cán bộ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="237" />
        <source>New officer's full name</source>
        <translation>Họ tên cán bộ mới</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="246" />
        <location filename="../../ui/desktop/pages/settings.py" line="270" />
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="249" />
        <location filename="../../ui/desktop/pages/settings.py" line="272" />
        <source>Repeat password</source>
        <translation>Nhập lại mật khẩu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="251" />
        <location filename="../../ui/desktop/pages/settings.py" line="252" />
        <source>Add account</source>
        <translation>Thêm tài khoản</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="253" />
        <location filename="../../ui/desktop/pages/settings.py" line="254" />
        <source>Disable the selected account</source>
        <translation>Khoá tài khoản đang chọn</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="257" />
        <source>Administrators manage accounts and restore backups; officers record everything else; team members record sessions and help. The user name is made from the full name (e.g. nguyen.van.an).</source>
        <translation>Quản trị viên quản lý tài khoản và khôi phục bản sao lưu; cán bộ ghi chép mọi việc khác; thành viên Tổ công nghệ số ghi buổi học và việc hướng dẫn. Tên đăng nhập được tạo từ họ tên (ví dụ nguyen.van.an).</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="262" />
        <source>Only an administrator can add or disable accounts.</source>
        <translation>Chỉ quản trị viên mới thêm hoặc khoá được tài khoản.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="295" />
        <location filename="../../ui/desktop/pages/settings.py" line="309" />
        <source>Interface language</source>
        <translation>Ngôn ngữ giao diện</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="296" />
        <source>Vietnamese</source>
        <translation>Tiếng Việt</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="297" />
        <source>English</source>
        <translation>Tiếng Anh</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="299" />
        <location filename="../../ui/desktop/pages/settings.py" line="310" />
        <source>Lock after minutes without use</source>
        <translation>Tự khoá sau số phút không dùng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="301" />
        <source> min</source>
        <translation> phút</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="302" />
        <location filename="../../ui/desktop/pages/settings.py" line="303" />
        <source>Save preferences</source>
        <translation>Lưu tuỳ chọn</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="304" />
        <source>A new language applies the next time hocvuso starts.</source>
        <translation>Ngôn ngữ mới được dùng từ lần mở hocvuso tiếp theo.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="307" />
        <source>Preferences</source>
        <translation>Tuỳ chọn</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="440" />
        <source>Automatic backups: none yet. hocvuso makes one at most every 12 hours, keeps the last 10, in {folder}.</source>
        <translation>Sao lưu tự động: chưa có bản nào. hocvuso tự sao lưu tối đa 12 giờ một lần và giữ 10 bản gần nhất, trong {folder}.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="445" />
        <source>Automatic backups: {n}, the latest on {date}, in {folder} (the last 10 are kept).</source>
        <translation>Sao lưu tự động: {n} bản, bản mới nhất lúc {date}, trong {folder} (giữ 10 bản gần nhất).</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="458" />
        <source>Save the backup as</source>
        <translation>Lưu bản sao lưu thành</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="460" />
        <location filename="../../ui/desktop/pages/settings.py" line="493" />
        <source>hocvuso backups (*.hvbak)</source>
        <translation>Bản sao lưu hocvuso (*.hvbak)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="467" />
        <source>Making the backup…</source>
        <translation>Đang sao lưu…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="479" />
        <source>Backup made</source>
        <translation>Đã sao lưu</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="480" />
        <source>The backup was saved to {path} ({size} MB, {people} people).</source>
        <translation>Đã lưu bản sao lưu vào {path} ({size} MB, {people} người).</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="493" />
        <source>Choose the backup to restore</source>
        <translation>Chọn bản sao lưu cần khôi phục</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="498" />
        <source>Checking the backup…</source>
        <translation>Đang kiểm tra bản sao lưu…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="511" />
        <source>This backup belongs to another commune (code {other}; this computer works for {own}). Restore it anyway?</source>
        <translation>Bản sao lưu này của xã/phường khác (mã {other}; máy này làm việc cho {own}). Vẫn khôi phục?</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="528" />
        <source>Restoring… the current data is being moved aside.</source>
        <translation>Đang khôi phục… dữ liệu hiện tại đang được chuyển sang chỗ khác.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="550" />
        <source>The backup of {date} was restored.</source>
        <translation>Đã khôi phục bản sao lưu lúc {date}.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="552" />
        <source>The data that was replaced is kept in {folder}.</source>
        <translation>Dữ liệu bị thay thế được giữ trong {folder}.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="555" />
        <source>Log in again with a password that was valid at the backup.</source>
        <translation>Hãy đăng nhập lại bằng mật khẩu dùng được vào lúc sao lưu.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="556" />
        <source>Restore finished</source>
        <translation>Đã khôi phục xong</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="565" />
        <source>Checking every page of the data file…</source>
        <translation>Đang kiểm tra từng trang của tệp dữ liệu…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="576" />
        <source>{people} people, {sessions} sessions, {skills} skill records; {pending} changes waiting to be sent to the province.</source>
        <translation>{people} người, {sessions} buổi học, {skills} lượt ghi kỹ năng; {pending} thay đổi đang chờ gửi lên tỉnh.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="585" />
        <source>✔ The data is healthy.</source>
        <translation>✔ Dữ liệu tốt.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="588" />
        <source>✖ Problems were found:</source>
        <translation>✖ Phát hiện vấn đề:</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="600" />
        <source>The two passwords are not the same.</source>
        <translation>Hai lần nhập mật khẩu không giống nhau.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="618" />
        <source>Account added</source>
        <translation>Đã thêm tài khoản</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="619" />
        <source>{name} can now log in with the user name {user}.</source>
        <translation>{name} đã có thể đăng nhập bằng tên {user}.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="640" />
        <source>Disable the account</source>
        <translation>Khoá tài khoản</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="642" />
        <source>Disable the account of {name} ({user})? Their password will no longer open the data. What they recorded stays.</source>
        <translation>Khoá tài khoản của {name} ({user})? Mật khẩu của người này sẽ không mở được dữ liệu nữa. Những gì họ đã ghi vẫn được giữ.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="660" />
        <source>Preferences saved.</source>
        <translation>Đã lưu tuỳ chọn.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/settings.py" line="662" />
        <source>Restart hocvuso to use the new language.</source>
        <translation>Hãy mở lại hocvuso để dùng ngôn ngữ mới.</translation>
    </message>
</context>
<context>
    <name>SkillPicker</name>
    <message>
        <location filename="../../ui/desktop/pages/__init__.py" line="238" />
        <source>Filter skills (no accents needed)</source>
        <translation>Lọc kỹ năng (không cần gõ dấu)</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/__init__.py" line="239" />
        <source>Filter skills</source>
        <translation>Lọc kỹ năng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/__init__.py" line="243" />
        <source>Skills</source>
        <translation>Kỹ năng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/__init__.py" line="275" />
        <source>{n} skills chosen</source>
        <translation>Đã chọn {n} kỹ năng</translation>
    </message>
</context>
<context>
    <name>SkillsDialog</name>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="209" />
        <source>Record skills</source>
        <translation>Ghi kỹ năng</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="213" />
        <location filename="../../ui/desktop/pages/checkin.py" line="229" />
        <source>Outcome</source>
        <translation>Mức độ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="217" />
        <location filename="../../ui/desktop/pages/checkin.py" line="221" />
        <source>All attendees</source>
        <translation>Tất cả người tham dự</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="219" />
        <source>Selected attendees ({n})</source>
        <translation>Những người đang chọn ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="222" />
        <source>Selected attendees</source>
        <translation>Những người đang chọn</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="233" />
        <source>For</source>
        <translation>Cho</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="237" />
        <source>Record</source>
        <translation>Ghi</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/checkin.py" line="238" />
        <source>Cancel</source>
        <translation>Huỷ bỏ</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../ui/desktop/sync_worker.py" line="214" />
        <source>Sync: syncing…</source>
        <translation>Đồng bộ: đang đồng bộ…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/sync_worker.py" line="216" />
        <source>Sync: checking…</source>
        <translation>Đồng bộ: đang kiểm tra…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/sync_worker.py" line="218" />
        <source>Sync: not set up yet</source>
        <translation>Đồng bộ: chưa thiết lập</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/sync_worker.py" line="221" />
        <source>Sync: {n} records need fixing</source>
        <translation>Đồng bộ: {n} bản ghi cần sửa</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/sync_worker.py" line="223" />
        <source>Sync: cannot connect to the server</source>
        <translation>Đồng bộ: không kết nối được máy chủ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/sync_worker.py" line="225" />
        <source>Sync: a problem, see the Sync screen</source>
        <translation>Đồng bộ: có sự cố, xem màn hình Đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/sync_worker.py" line="229" />
        <source>Sync: {n} records waiting to be sent · last {time}</source>
        <translation>Đồng bộ: {n} bản ghi chờ gửi · lần cuối {time}</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/sync_worker.py" line="232" />
        <source>Sync: {n} records waiting to be sent</source>
        <translation>Đồng bộ: {n} bản ghi chờ gửi</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/sync_worker.py" line="234" />
        <source>Sync: everything sent · last {time}</source>
        <translation>Đồng bộ: đã gửi hết · lần cuối {time}</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/sync_worker.py" line="235" />
        <source>Sync: nothing sent yet</source>
        <translation>Đồng bộ: chưa gửi lần nào</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/sync_worker.py" line="248" />
        <source>Sync: sending {done}/{total}…</source>
        <translation>Đồng bộ: đang gửi {done}/{total}…</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="41" />
        <source>Name or record</source>
        <translation>Tên hoặc bản ghi</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="44" />
        <source>Problem</source>
        <translation>Vấn đề</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="49" />
        <source>The server's reasons</source>
        <translation>Lý do của máy chủ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="54" />
        <source>When</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="80" />
        <source>Sync with the province</source>
        <translation>Đồng bộ với tỉnh</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="86" />
        <location filename="../../ui/desktop/pages/sync.py" line="254" />
        <location filename="../../ui/desktop/pages/sync.py" line="273" />
        <source>Enrol this laptop</source>
        <translation>Đăng ký máy này</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="89" />
        <location filename="../../ui/desktop/pages/sync.py" line="105" />
        <source>Server address</source>
        <translation>Địa chỉ máy chủ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="91" />
        <location filename="../../ui/desktop/pages/sync.py" line="106" />
        <source>Enrolment code</source>
        <translation>Mã đăng ký</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="92" />
        <source>Enrol</source>
        <translation>Đăng ký</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="93" />
        <source>Enrol with the provincial server</source>
        <translation>Đăng ký với máy chủ tỉnh</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="100" />
        <source>Ask the province for an enrolment code, then type the server address and the code.</source>
        <translation>Hãy xin tỉnh mã đăng ký, rồi nhập địa chỉ máy chủ và mã.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="109" />
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="111" />
        <location filename="../../ui/desktop/pages/sync.py" line="126" />
        <source>Server</source>
        <translation>Máy chủ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="113" />
        <location filename="../../ui/desktop/pages/sync.py" line="127" />
        <source>Commune code</source>
        <translation>Mã xã</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="115" />
        <source>Records waiting to be sent</source>
        <translation>Bản ghi chờ gửi</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="117" />
        <source>Last successful sync</source>
        <translation>Lần đồng bộ thành công gần nhất</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="120" />
        <location filename="../../ui/desktop/pages/sync.py" line="130" />
        <source>Last problem</source>
        <translation>Sự cố gần nhất</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="123" />
        <source>Clock warning</source>
        <translation>Cảnh báo đồng hồ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="128" />
        <source>Waiting to be sent</source>
        <translation>Chờ gửi</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="129" />
        <source>Last success</source>
        <translation>Lần thành công gần nhất</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="133" />
        <location filename="../../ui/desktop/pages/sync.py" line="134" />
        <source>Sync now</source>
        <translation>Đồng bộ ngay</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="136" />
        <source>Cancel</source>
        <translation>Huỷ bỏ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="137" />
        <source>Cancel the sync</source>
        <translation>Huỷ đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="141" />
        <source>Sync progress</source>
        <translation>Tiến trình đồng bộ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="152" />
        <source>Records to fix</source>
        <translation>Bản ghi cần xử lý</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="154" />
        <source>refused</source>
        <translation>bị từ chối</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="154" />
        <source>conflict</source>
        <translation>xung đột</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="158" />
        <source>Records the server refused or conflicts</source>
        <translation>Bản ghi bị máy chủ từ chối hoặc xung đột</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="161" />
        <source>No records need attention.</source>
        <translation>Không có bản ghi nào cần xử lý.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="162" />
        <source>Open to fix…</source>
        <translation>Mở để sửa…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="163" />
        <source>Open the record to fix it</source>
        <translation>Mở bản ghi để sửa</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="165" />
        <source>Resend</source>
        <translation>Gửi lại</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="166" />
        <source>Send the fixed record again</source>
        <translation>Gửi lại bản ghi đã sửa</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="168" />
        <location filename="../../ui/desktop/pages/sync.py" line="169" />
        <source>Keep this laptop's version</source>
        <translation>Giữ bản của máy này</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="171" />
        <location filename="../../ui/desktop/pages/sync.py" line="172" />
        <source>Use the server's version</source>
        <translation>Dùng bản trên máy chủ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="225" />
        <source>never</source>
        <translation>chưa bao giờ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="227" />
        <source>no problem</source>
        <translation>không có sự cố</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="230" />
        <source>Cannot connect to the server. Nothing is lost: the records wait here.</source>
        <translation>Không kết nối được máy chủ. Không mất dữ liệu: các bản ghi vẫn chờ trên máy này.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="240" />
        <source>This laptop's clock differs from the server's by about {n} minutes. Please set the date and time.</source>
        <translation>Đồng hồ của máy này lệch với máy chủ khoảng {n} phút. Hãy chỉnh lại ngày giờ.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="255" />
        <source>Type the server address and the enrolment code from the province.</source>
        <translation>Hãy nhập địa chỉ máy chủ và mã đăng ký do tỉnh cấp.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="274" />
        <source>This laptop is enrolled with {url} for commune {commune}.</source>
        <translation>Đã đăng ký máy này với máy chủ {url} cho xã {commune}.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="296" />
        <source>Syncing…</source>
        <translation>Đang đồng bộ…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="305" />
        <source>Sending {done}/{total}…</source>
        <translation>Đang gửi {done}/{total}…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="308" />
        <source>Waiting for the server, trying again…</source>
        <translation>Đang chờ máy chủ, sẽ thử lại…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="310" />
        <source>Receiving catalogues…</source>
        <translation>Đang nhận danh mục…</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="360" />
        <source>Queued to send again.</source>
        <translation>Đã xếp vào hàng chờ gửi lại.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="365" />
        <source>This laptop's version will be sent.</source>
        <translation>Bản của máy này sẽ được gửi.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/sync.py" line="371" />
        <source>The server's version was accepted.</source>
        <translation>Đã chấp nhận bản trên máy chủ.</translation>
    </message>
</context>
<context>
    <name>TeamPage</name>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="72" />
        <location filename="../../ui/desktop/pages/team.py" line="170" />
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="73" />
        <location filename="../../ui/desktop/pages/team.py" line="172" />
        <source>Phone</source>
        <translation>Số điện thoại</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="75" />
        <location filename="../../ui/desktop/pages/team.py" line="151" />
        <location filename="../../ui/desktop/pages/team.py" line="174" />
        <source>Position</source>
        <translation>Chức vụ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="81" />
        <location filename="../../ui/desktop/pages/team.py" line="154" />
        <location filename="../../ui/desktop/pages/team.py" line="175" />
        <source>Organisation</source>
        <translation>Đơn vị</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="87" />
        <location filename="../../ui/desktop/pages/team.py" line="176" />
        <location filename="../../ui/desktop/pages/team.py" line="242" />
        <source>Village</source>
        <translation>Thôn/xóm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="93" />
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="104" />
        <location filename="../../ui/desktop/pages/team.py" line="232" />
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="106" />
        <location filename="../../ui/desktop/pages/team.py" line="234" />
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="111" />
        <location filename="../../ui/desktop/pages/team.py" line="216" />
        <location filename="../../ui/desktop/pages/team.py" line="235" />
        <source>Adult population</source>
        <translation>Số người từ 16 tuổi</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="117" />
        <source>People recorded</source>
        <translation>Số người đã ghi</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="139" />
        <source>Active</source>
        <translation>Đang hoạt động</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="139" />
        <source>Left the team</source>
        <translation>Đã rời Tổ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="142" />
        <location filename="../../ui/desktop/pages/team.py" line="254" />
        <source>Team members</source>
        <translation>Thành viên Tổ công nghệ số</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="144" />
        <location filename="../../ui/desktop/pages/team.py" line="145" />
        <source>Also show members who left</source>
        <translation>Hiện cả thành viên đã rời Tổ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="147" />
        <source>Member's full name</source>
        <translation>Họ tên thành viên</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="149" />
        <source>Member's phone</source>
        <translation>Số điện thoại của thành viên</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="152" />
        <source>e.g. Youth Union</source>
        <translation>ví dụ Chi đoàn thanh niên</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="156" />
        <source>Member's village</source>
        <translation>Thôn/xóm của thành viên</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="157" />
        <source>Not recorded</source>
        <translation>Chưa ghi</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="159" />
        <location filename="../../ui/desktop/pages/team.py" line="160" />
        <source>Active in the team</source>
        <translation>Đang hoạt động trong Tổ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="163" />
        <source>New member</source>
        <translation>Thành viên mới</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="164" />
        <location filename="../../ui/desktop/pages/team.py" line="368" />
        <source>New team member</source>
        <translation>Thành viên Tổ mới</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="165" />
        <source>Save member</source>
        <translation>Lưu thành viên</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="166" />
        <source>Save team member</source>
        <translation>Lưu thành viên Tổ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="183" />
        <source>Team member</source>
        <translation>Thành viên Tổ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="200" />
        <location filename="../../ui/desktop/pages/team.py" line="218" />
        <source>Not known</source>
        <translation>Chưa rõ</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="202" />
        <location filename="../../ui/desktop/pages/team.py" line="255" />
        <source>Villages</source>
        <translation>Thôn/xóm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="209" />
        <source>Village name</source>
        <translation>Tên thôn/xóm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="210" />
        <source>e.g. Xóm Làng Mới</source>
        <translation>ví dụ Xóm Làng Mới</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="212" />
        <source>Kind of village</source>
        <translation>Loại địa bàn</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="222" />
        <source>People aged 16 and over living in the village; used for the share reached.</source>
        <translation>Số người từ 16 tuổi trở lên sống ở thôn/xóm; dùng để tính tỷ lệ đã được hướng dẫn.</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="225" />
        <location filename="../../ui/desktop/pages/team.py" line="226" />
        <location filename="../../ui/desktop/pages/team.py" line="432" />
        <source>New village</source>
        <translation>Thôn/xóm mới</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="227" />
        <location filename="../../ui/desktop/pages/team.py" line="228" />
        <source>Save village</source>
        <translation>Lưu thôn/xóm</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="253" />
        <source>Team and villages</source>
        <translation>Tổ công nghệ số và thôn</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="383" />
        <location filename="../../ui/desktop/pages/team.py" line="446" />
        <source>Editing: {name}</source>
        <translation>Đang sửa: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/desktop/pages/team.py" line="417" />
        <location filename="../../ui/desktop/pages/team.py" line="468" />
        <source>Saved: {name}</source>
        <translation>Đã lưu: {name}</translation>
    </message>
</context>
<context>
    <name>_Cover</name>
    <message>
        <location filename="../../ui/desktop/login.py" line="377" />
        <source>Locked</source>
        <translation>Đã khoá</translation>
    </message>
</context>
</TS>