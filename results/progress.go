package results

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"kynangso/internal/safetext"
)

// SaveLessonPage records that a participant reached page (1-based) of a
// module's lesson of pageCount pages. The furthest page reached is kept, so
// going back to re-read does not lose progress; CompletedAt is set the first
// time the last page is reached and kept after. An empty participantID
// (someone reading without a record) saves nothing.
func (s *Store) SaveLessonPage(ctx context.Context, participantID, moduleID string, page, pageCount int) error {
	if participantID == "" {
		return nil
	}
	if moduleID == "" || page < 1 || pageCount < 1 {
		return fmt.Errorf("%w: lesson page %d of %d for module %q", ErrInvalid, page, pageCount, moduleID)
	}
	if page > pageCount {
		page = pageCount
	}
	ts := s.clk.stamp()
	var completed any
	if page == pageCount {
		completed = ts
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO lesson_progress (participant_id, module_id,
		last_page, page_count, completed_at, device_id, created_at, updated_at)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
		ON CONFLICT (participant_id, module_id) DO UPDATE SET
			last_page = max(last_page, excluded.last_page),
			page_count = excluded.page_count,
			completed_at = COALESCE(completed_at, excluded.completed_at),
			updated_at = excluded.updated_at
		WHERE excluded.last_page > last_page OR excluded.page_count <> page_count
			OR (completed_at IS NULL AND excluded.completed_at IS NOT NULL)`,
		participantID, moduleID, page, pageCount, completed, s.deviceID, ts)
	if err != nil {
		return fmt.Errorf("save lesson page: %w", err)
	}
	return nil
}

// LessonProgress returns how far a participant has read each module, by
// module id.
func (s *Store) LessonProgress(ctx context.Context, participantID string) (map[string]LessonProgress, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT participant_id, module_id, last_page, page_count,
		completed_at, updated_at FROM lesson_progress WHERE participant_id = ?`, participantID)
	if err != nil {
		return nil, fmt.Errorf("read lesson progress: %w", err)
	}
	defer rows.Close()
	out := map[string]LessonProgress{}
	for rows.Next() {
		var p LessonProgress
		var completed, updated sql.NullString
		if err := rows.Scan(&p.ParticipantID, &p.ModuleID, &p.LastPage, &p.PageCount, &completed, &updated); err != nil {
			return nil, fmt.Errorf("read lesson progress: %w", err)
		}
		p.CompletedAt, p.UpdatedAt = parseTime(completed), parseTime(updated)
		out[p.ModuleID] = p
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read lesson progress: %w", err)
	}
	return out, nil
}

// Setting returns a local setting of this laptop (never merged): the
// trainer PIN hash, PIN back-off state, idle timeout and the like.
func (s *Store) Setting(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read setting %s: %w", key, err)
	}
	return v, true, nil
}

// SetSetting stores a local setting, replacing any earlier value; it is
// committed before SetSetting returns (so a PIN back-off survives a restart).
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	if key == "" {
		return fmt.Errorf("%w: empty setting key", ErrInvalid)
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		key, value, s.clk.stamp())
	if err != nil {
		return fmt.Errorf("save setting %s: %w", key, err)
	}
	return nil
}

// SetDeviceName names this laptop (for example "Máy tổ 3, xã Ea Tu") so
// merged results show where they came from.
func (s *Store) SetDeviceName(ctx context.Context, name string) error {
	name = safetext.Line(name)
	_, err := s.db.ExecContext(ctx, `UPDATE devices SET name = ?, updated_at = ? WHERE id = ?`,
		name, s.clk.stamp(), s.deviceID)
	if err != nil {
		return fmt.Errorf("name this laptop: %w", err)
	}
	return nil
}

// DeviceName returns the name set for this laptop ("" if none).
func (s *Store) DeviceName(ctx context.Context) (string, error) {
	var name string
	err := s.db.QueryRowContext(ctx, `SELECT name FROM devices WHERE id = ?`, s.deviceID).Scan(&name)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("read laptop name: %w", err)
	}
	return name, nil
}
