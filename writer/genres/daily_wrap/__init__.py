"""The daily wrap (one session of an index), writer's side: its brief builder (`brief`),
disclaimer (`disclaimer`) and prompts (`prompting` and the templates in `prompts/`)."""
