# Guest half of 'desk_keyboard': with narvarod running, a second reader of the desk keyboard still
# sees every key (not grabbed) and a second reader of a card reader sees none (grabbed).
daemon_begin '*-1/input0' '*-2/input0' || return
desk=$(node_by_phys 'isa0060/*')
capture "$desk" desk
capture "$(node_by_phys '*-1/input0')" reader
result echo "DESK-OPEN-BY-DAEMON $(holds_open "$NV_PID" "$desk" && echo yes || echo no)"
mark READY-FOR-SWIPES
wait_host typed || return
wait_checkins "$HOST_ARGS" 20
capture_dump desk
capture_dump reader
daemon_results
