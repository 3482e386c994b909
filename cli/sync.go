package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"kynangso/hub"
	"kynangso/results"
)

func newSyncCmd(o *Options) *cobra.Command {
	return &cobra.Command{
		Use:   "sync",
		Short: "gửi kết quả lên máy chủ tỉnh / send results to the province hub",
		Long: "Gửi mọi thứ máy này chưa gửi (người học, lớp, điểm danh, bài học, bài làm, câu trả lời, người trùng đã gộp, xoá dữ liệu),\n" +
			"rồi nhận về người của xã để lần sau tìm được họ khi điểm danh. Bị ngắt giữa chừng thì không mất gì: chạy lại để gửi nốt.\n" +
			"Sends everything this laptop has not sent yet, then brings back the commune's people so they are found at check-in.\n" +
			"An interrupted sync loses nothing: run it again to send the rest. Set the address once with `kynangso hub set`.",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := hubConfig(savedHub)
			if err != nil {
				return err
			}
			s, err := o.OpenStore(cmd.Context())
			if err != nil {
				return err
			}
			defer s.Close()
			fmt.Fprintln(o.Err(), tr(o.Lang, "Đang kết nối "+cfg.Masked()+" …", "Connecting to "+cfg.Masked()+" …"))
			res, err := hub.Sync(cmd.Context(), s, cfg, syncProgress(o))
			if err != nil {
				return hubError(err, cfg)
			}
			printSync(o, res)
			return nil
		},
	}
}

// syncProgress prints each phase once, and the sending as it goes.
func syncProgress(o *Options) func(hub.Progress) {
	names := map[hub.Phase][2]string{
		hub.PhaseScan:  {"Đang tìm những gì chưa gửi…", "Finding what was not sent yet…"},
		hub.PhaseSend:  {"Đang gửi", "Sending"},
		hub.PhasePull:  {"Đang nhận người của xã…", "Bringing back the commune's people…"},
		hub.PhaseApply: {"Đang gộp vào máy này…", "Merging them into this laptop…"},
	}
	last := hub.Phase(-1)
	return func(p hub.Progress) {
		n, ok := names[p.Phase]
		if !ok {
			return
		}
		if p.Phase == hub.PhaseSend {
			if p.Total == 0 {
				return
			}
			fmt.Fprintf(o.Err(), "%s %d/%d\n", tr(o.Lang, n[0], n[1]), p.Done, p.Total)
			return
		}
		if p.Phase != last {
			fmt.Fprintln(o.Err(), tr(o.Lang, n[0], n[1]))
		}
		last = p.Phase
	}
}

// tableLabels name the tables a sync sends, as a trainer says them.
var tableLabels = map[string][2]string{
	"devices":           {"máy", "laptops"},
	"participants":      {"người học", "participants"},
	"class_sessions":    {"lớp học", "classes"},
	"attendance":        {"điểm danh", "check-ins"},
	"lesson_progress":   {"bài học đã đọc", "lesson reading"},
	"attempts":          {"bài làm", "attempts"},
	"answers":           {"câu trả lời", "answers"},
	"participant_links": {"gộp người trùng", "joined duplicates"},
	"merge_log":         {"nhật ký gộp", "merge log"},
}

func printSync(o *Options, res hub.Result) {
	w := o.Out()
	fmt.Fprintf(w, "%s: %s, %s\n", tr(o.Lang, "Tổ", "Team"), cell(res.Team), cell(res.Commune))
	if res.SentRows() == 0 {
		fmt.Fprintln(w, tr(o.Lang, "Không có gì mới để gửi.", "Nothing new to send."))
	}
	for _, t := range results.HubTables() {
		r, ok := res.Tables[t.Name]
		if !ok || r.Sent == 0 {
			continue
		}
		l := tableLabels[t.Name]
		fmt.Fprintf(w, "  %s: %s %d (%d %s, %d %s", tr(o.Lang, l[0], l[1]), tr(o.Lang, "gửi", "sent"), r.Sent, r.New,
			tr(o.Lang, "mới", "new"), r.Updated, tr(o.Lang, "cập nhật", "updated"))
		if r.Refused > 0 {
			fmt.Fprintf(w, ", %d %s", r.Refused, tr(o.Lang, "của xã khác, không được sửa", "of another commune, not changed"))
		}
		fmt.Fprintln(w, ")")
	}
	fmt.Fprintf(w, "%s: %d\n", tr(o.Lang, "Nhận về từ tỉnh (người của xã, gộp trùng)", "Brought back (the commune's people, joins)"), res.Pulled)
	if n := len(res.Merge.Duplicates); n > 0 {
		fmt.Fprintf(w, "%s: %d. %s\n", tr(o.Lang, "Có thể trùng người", "Probable duplicates"), n,
			tr(o.Lang, "Xem trong khu vực tập huấn viên.", "See the trainer area."))
	}
}
