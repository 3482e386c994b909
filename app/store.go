package app

import "kynangso/flow"

// Store is the part of the results store the participant screens use,
// through the flow; *results.Store satisfies it, and screen tests use a
// small fake. The trainer's area asks for more (TrainerStore).
type Store = flow.Store
