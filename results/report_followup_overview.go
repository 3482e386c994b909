package results

import (
	"context"
	"slices"
)

// FollowUpOverview is the follow-up list counted by village: what a trainer
// reads first when the whole list is too long to scroll (a commune or a
// province), before opening one village's list.
type FollowUpOverview struct {
	Filter  Filter        `json:"filter"`
	Modules []ModuleLabel `json:"modules"`
	// People counts the named people FollowUp would list for the filter,
	// Households their distinct non-empty households (per village), and
	// Anonymous the anonymous or erased people it would count.
	People     int `json:"people"`
	Households int `json:"households"`
	Anonymous  int `json:"anonymous"`
	// Villages are ordered like FollowUp's ("" last).
	Villages []FollowUpVillageCount `json:"villages"`
}

// FollowUpVillageCount is one village of the overview.
type FollowUpVillageCount struct {
	Village string `json:"village"`
	Label   string `json:"label"`
	People  int    `json:"people"`
	// Households counts the distinct non-empty households of People.
	Households int `json:"households"`
	// Missing[i] counts the People who have not passed Modules[i].
	Missing []int `json:"missing"`
}

// FollowUpOverview counts, village by village, the people FollowUp lists
// for f, without listing them.
func (s *Store) FollowUpOverview(ctx context.Context, f Filter, cat Catalog) (FollowUpOverview, error) {
	r, err := s.FollowUp(ctx, f, cat, false)
	if err != nil {
		return FollowUpOverview{}, err
	}
	return overviewOf(r), nil
}

// overviewOf counts a follow-up list.
func overviewOf(r FollowUpReport) FollowUpOverview {
	o := FollowUpOverview{Filter: r.Filter, Modules: r.Modules, People: r.People, Anonymous: r.Anonymous,
		Villages: []FollowUpVillageCount{}}
	for _, v := range r.Villages {
		vc := FollowUpVillageCount{Village: v.Village, Label: v.Label, People: v.People,
			Missing: make([]int, len(r.Modules))}
		for _, h := range v.Households {
			if h.Household != "" {
				vc.Households++
			}
			for _, p := range h.People {
				for _, m := range p.NotPassed {
					if i := slices.IndexFunc(r.Modules, func(x ModuleLabel) bool { return x.ID == m.ID }); i >= 0 {
						vc.Missing[i]++
					}
				}
			}
		}
		o.Households += vc.Households
		o.Villages = append(o.Villages, vc)
	}
	return o
}
