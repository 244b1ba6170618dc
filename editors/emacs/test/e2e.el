;;; e2e.el --- end-to-end test of otpls in Emacs + eglot  -*- lexical-binding: t; -*-
;; Driven by editors/editors_test.go with OTPLS_REPO, OTPLS_BIN, OTPLS_FILE, OTPLS_GOLDEN,
;; OTPLS_WATCHER and OTPLS_WATCHER_GOLDEN.
;; After the fixes: eglot-find-implementation from a send site to Weather.Cache's handle_call
;; clause, xref-find-references on that clause listing the senders, and M-x otpls-tree.
;; Exits 0 on success, 1 with a message on failure.

(require 'cl-lib)
(require 'eglot)
(require 'flymake)

(unless (fboundp 'elixir-mode)
  ;; Debian has no elixir-mode package: a minimal mode is enough to attach eglot.
  (define-derived-mode elixir-mode prog-mode "Elixir"))
(add-to-list 'auto-mode-alist '("\\.exs?\\'" . elixir-mode))

;; The project is the directory holding mix.exs (the fixture copy has no .git), so otpls
;; indexes the whole Mix project, as it does in a user's repository.
(add-hook 'project-find-functions
          (lambda (dir) (let ((root (locate-dominating-file dir "mix.exs"))) (and root (cons 'transient root)))))

(load (expand-file-name "editors/emacs/otpls.el" (getenv "OTPLS_REPO")))
(setq otpls-executable (getenv "OTPLS_BIN")
      otpls-settings '(:diagnosticDelay 0)
      eglot-sync-connect 10
      flymake-no-changes-timeout 0.1)

(defun e2e-fail (fmt &rest args)
  (princ (concat "emacs e2e: " (apply #'format fmt args) "\n") #'external-debugging-output)
  (kill-emacs 1))

(defun e2e-wait (what pred)
  ;; Batch Emacs never goes idle, so the idle timers that would send pending changes and
  ;; restart flymake do not fire: do what they would do.
  (let ((deadline (+ (float-time) (/ (string-to-number (or (getenv "OTPLS_TIMEOUT_MS") "20000")) 1000.0))))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (eglot--signal-textDocument/didChange)
      (flymake-start)
      (accept-process-output nil 0.05))
    (unless (funcall pred) (e2e-fail "timed out waiting for %s" what))))

(defun e2e-otpls-diags ()
  (cl-remove-if-not (lambda (d) (string-match-p "OTP" (flymake-diagnostic-text d)))
                    (flymake-diagnostics)))

(defun e2e-check-diag (d code line col text)
  "Fail unless diagnostic D is CODE, starting at LINE:COL (1-based line) and covering TEXT..."
  (let ((beg (flymake-diagnostic-beg d))
        (end (flymake-diagnostic-end d)))
    (unless (string-match-p code (flymake-diagnostic-text d))
      (e2e-fail "diagnostic text %S" (flymake-diagnostic-text d)))
    (save-excursion
      (goto-char beg)
      (unless (and (= (line-number-at-pos) line) (= (current-column) col))
        (e2e-fail "%s diagnostic starts at %d:%d" code (line-number-at-pos) (current-column)))
      (unless (string-prefix-p text (buffer-substring beg end))
        (e2e-fail "%s diagnostic covers %S" code (buffer-substring beg end))))))

(defun e2e-apply-unsafe-fix (d prefix changes)
  "Apply the quick fix at diagnostic D whose title starts with PREFIX, as eglot runs a
chosen code action.  It is unsafe: fail if it is marked preferred or its title does not
contain CHANGES."
  (let* ((actions (eglot-code-actions (flymake-diagnostic-beg d) (flymake-diagnostic-end d) "quickfix"))
         (action (cl-find-if (lambda (a) (string-prefix-p prefix (plist-get a :title))) actions)))
    (unless action
      (e2e-fail "no %S quick fix among %S" prefix (mapcar (lambda (a) (plist-get a :title)) actions)))
    (when (eq (plist-get action :isPreferred) t)
      (e2e-fail "an unsafe fix is marked preferred: %s" (plist-get action :title)))
    (unless (string-match-p (regexp-quote changes) (plist-get action :title))
      (e2e-fail "the title does not say what changes: %s" (plist-get action :title)))
    ;; One action of the asked kind: eglot runs it without prompting.
    (eglot--read-execute-code-action (list action) (eglot--current-server-or-lose) "quickfix")))

(defun e2e-check-golden (file golden)
  (let ((want (with-temp-buffer (insert-file-contents golden) (buffer-string)))
        (got (with-temp-buffer (insert-file-contents file) (buffer-string))))
    (unless (string= got want) (e2e-fail "fixed %s differs from the golden:\n%s" file got))))

(defun e2e-visit (file line text)
  "Visit FILE (attached to eglot) with point on the first TEXT of LINE (1-based)."
  (find-file file)
  (unless (eglot-managed-p) (apply #'eglot (eglot--guess-contact)))
  (goto-char (point-min))
  (forward-line (1- line))
  (unless (search-forward text (line-end-position) t)
    (e2e-fail "%S not on line %d of %s" text line file))
  (goto-char (match-beginning 0)))

(defun e2e-where ()
  "FILE:LINE of point, FILE without its directory."
  (format "%s:%d" (file-name-nondirectory (buffer-file-name)) (line-number-at-pos)))

(defun e2e-xref-listing ()
  "The FILE:LINE of each entry the *xref* buffer lists, sorted."
  (with-current-buffer (or (get-buffer "*xref*") (e2e-fail "no *xref* buffer"))
    (let (got)
      (save-excursion
        (goto-char (point-min))
        (while (not (eobp))
          (let ((item (get-text-property (point) 'xref-item)))
            (when item
              (let ((loc (xref-item-location item)))
                (push (format "%s:%d" (file-name-nondirectory (xref-location-group loc)) (xref-location-line loc)) got))))
          (forward-line 1)))
      (sort (delete-dups got) #'string<))))

(condition-case err
    (let* ((file (getenv "OTPLS_FILE"))
           (golden (getenv "OTPLS_GOLDEN")))
      (find-file file)
      (let ((original (buffer-string)))
        (apply #'eglot (eglot--guess-contact))
        (flymake-mode 1)
        ;; 1. The diagnostic, with its code and range.
        (e2e-wait "the OTP003 diagnostic" (lambda () (e2e-otpls-diags)))
        (let ((d (car (e2e-otpls-diags))))
          (e2e-check-diag d "OTP003" 13 13 "HTTPoison.get(")
          ;; 2. The quick fix, applied without prompting, saved, compared with the golden.
          (e2e-apply-unsafe-fix d "Reply later" "(the work runs concurrently"))
        (save-buffer)
        (e2e-check-golden file golden)
        (e2e-wait "the diagnostic to clear after the fix" (lambda () (null (e2e-otpls-diags))))
        ;; 3. Back to the original; then an edit removing the violation clears it.
        (erase-buffer)
        (insert original)
        (e2e-wait "the diagnostic to come back" (lambda () (e2e-otpls-diags)))
        (goto-char (point-min))
        (search-forward "HTTPoison.get(")
        (let ((start (match-beginning 0)))
          (delete-region start (line-end-position))
          (goto-char start)
          (insert "{:ok, city}"))
        (e2e-wait "the diagnostic to disappear after typing" (lambda () (null (e2e-otpls-diags))))
        ;; 4. OTP011 in a second file: a monitor whose :DOWN no handle_info/2 clause matches.
        (let ((watcher (getenv "OTPLS_WATCHER")))
          (find-file watcher)
          (unless (eglot-managed-p) (apply #'eglot (eglot--guess-contact)))
          (flymake-mode 1)
          (e2e-wait "the OTP011 diagnostic" (lambda () (e2e-otpls-diags)))
          (let ((d (car (e2e-otpls-diags))))
            (e2e-check-diag d "OTP011" 13 10 "Process.monitor(pid)")
            (unless (string-match-p (regexp-quote "Process.monitor/1 in Weather.Watcher.handle_cast/2 delivers {:DOWN, ref, :process, pid, reason}")
                                    (flymake-diagnostic-text d))
              (e2e-fail "OTP011 message %S" (flymake-diagnostic-text d)))
            (e2e-apply-unsafe-fix d "Add a handle_info/2 clause for {:DOWN"
                                  "(the server no longer crashes on that message; it ignores it)"))
          (save-buffer)
          (e2e-check-golden watcher (getenv "OTPLS_WATCHER_GOLDEN"))
          (e2e-wait "the OTP011 diagnostic to clear after the fix" (lambda () (null (e2e-otpls-diags)))))
        ;; 5. Implementation: from a GenServer.call to the handle_call clause that answers it.
        (let* ((dir (file-name-directory file))
               (cache (expand-file-name "cache.ex" dir)))
          (e2e-visit (expand-file-name "dashboard.ex" dir) 3 "GenServer.call")
          ;; eglot lists what xref finds in *xref* (a single implementation too); going to
          ;; the listed entry lands on the handler clause.
          (eglot-find-implementation)
          (let ((got (e2e-xref-listing)))
            (unless (equal got '("cache.ex:14")) (e2e-fail "eglot-find-implementation listed %S" got)))
          (set-buffer "*xref*")
          (goto-char (point-min))
          (xref-next-line)
          (xref-goto-xref)
          ;; xref shows the location in the selected window: read it there.
          (set-buffer (window-buffer (selected-window)))
          (goto-char (window-point))
          (unless (and (equal (buffer-file-name) cache) (= (line-number-at-pos) 14)
                       (string-match-p "def handle_call({:lookup, city}"
                                       (buffer-substring (line-beginning-position) (line-end-position))))
            (e2e-fail "implementation landed on %s: %S" (e2e-where)
                      (buffer-substring (line-beginning-position) (line-end-position))))
          ;; 6. References on the handle_call head: the senders (the API wrapper's call in
          ;; cache.ex, Report's call of the wrapper, Dashboard's GenServer.call), listed in *xref*.
          (e2e-visit cache 14 "handle_call")
          (let ((xref-prompt-for-identifier nil))
            (call-interactively #'xref-find-references))
          (let ((got (e2e-xref-listing))
                ;; eglot asks with includeDeclaration: the clause head itself is listed too.
                (want '("cache.ex:14" "cache.ex:6" "dashboard.ex:3" "report.ex:5")))
            (unless (equal got want) (e2e-fail "xref-find-references listed %S, want %S" got want)))
          ;; 7. M-x otpls-tree: the tree, one button per process, a button opening its source.
          (set-buffer (find-file-noselect cache))
          (call-interactively #'otpls-tree)
          (with-current-buffer "*otpls tree*"
            (let ((text (buffer-string)))
              (dolist (line '("^Weather.Application" "^  Weather.Supervisor" "^    Weather.Client" "^    Weather.Cache"))
                (unless (string-match-p line text) (e2e-fail "no line matching %S in the tree:\n%s" line text))))
            (goto-char (point-min))
            (re-search-forward "^    \\(Weather.Cache\\)")
            (let ((button (button-at (match-beginning 1))))
              (unless button (e2e-fail "Weather.Cache is not a button"))
              (push-button (match-beginning 1))))
          (set-buffer (window-buffer (selected-window)))
          (goto-char (window-point))
          (unless (equal (e2e-where) "application.ex:9")
            (e2e-fail "the Weather.Cache button opened %s" (e2e-where))))
        (kill-emacs 0)))
  (error (e2e-fail "%S" err)))
;;; e2e.el ends here
