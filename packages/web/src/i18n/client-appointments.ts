// SPDX-License-Identifier: AGPL-3.0-or-later
import type { ClientCatalogue } from "./languages";

/**
 * The client's appointment booking (ADR 0052) in the client languages besides
 * German and English: Leichte Sprache, Turkish, Arabic, Persian, Ukrainian and
 * Russian (formal address like the rest of each catalogue). Not yet reviewed by
 * native speakers (ADR 0046).
 */
type Part = Pick<ClientCatalogue, "clientAppointments">;

export const deLsAppointments: Part = {
  clientAppointments: {
    section: "Termine",
    none: "Sie haben gerade keinen Termin.",
    book: "Termin machen",
    title: "Termin machen",
    lead: "Sie können einen Termin machen. Dann sprechen Sie mit Ihrer Beraterin oder Ihrem Berater. Sie sehen die freien Termine für die nächsten 14 Tage.",
    privacy: "Wir speichern nur: die Zeit und die Art vom Termin. Wir speichern nicht: worum es geht.",
    timeZone: "Alle Zeiten sind in deutscher Zeit.",
    kindLegend: "Wie möchten Sie sprechen?",
    kind: { video: "Mit Video", phone: "Am Telefon", on_site: "In der Beratungs-Stelle" },
    slotLegend: "Freie Termine",
    noSlots:
      "Gerade gibt es keine freien Termine. Sie können Ihrer Beraterin oder Ihrem Berater eine Nachricht schreiben.",
    notBookable:
      "Sie können bald einen Termin machen. Zuerst muss eine Beraterin oder ein Berater Ihre Anfrage übernehmen.",
    submit: "Termin buchen",
    chooseSlot: "Bitte wählen Sie einen Termin.",
    booked: "Ihr Termin ist gebucht.",
    item: "{{when}} · {{kind}}",
    cancel: "Termin absagen",
    cancelled: "Der Termin ist abgesagt.",
    taken: "Jemand anderes hat diesen Termin gerade gebucht. Bitte wählen Sie einen anderen Termin.",
    past: "Dieser Termin hat schon angefangen. Bitte wählen Sie einen anderen Termin.",
    unavailable: "Diesen Termin gibt es nicht mehr. Bitte wählen Sie einen anderen Termin.",
    failed: "Das hat nicht geklappt. Fehler: {{code}}. Bitte versuchen Sie es noch einmal.",
    back: "Zurück zur Beratung",
  },
};

export const trAppointments: Part = {
  clientAppointments: {
    section: "Randevular",
    none: "Şu anda randevunuz yok.",
    book: "Randevu alın",
    title: "Randevu alın",
    lead: "Danışmanınızla nasıl ve ne zaman konuşmak istediğinizi seçin. Önümüzdeki 14 günün boş randevularını görüyorsunuz.",
    privacy: "Yalnızca randevunun zamanı ve türü kaydedilir, konusu kaydedilmez.",
    timeZone: "Tüm saatler Almanya saatiyle (Berlin).",
    kindLegend: "Nasıl konuşmak istersiniz?",
    kind: { video: "Görüntülü", phone: "Telefonla", on_site: "Yüz yüze" },
    slotLegend: "Boş randevular",
    noSlots: "Şu anda boş randevu yok. Danışmanınıza mesaj yazabilirsiniz.",
    notBookable: "Bir danışman talebinizi üstlendiğinde randevu alabilirsiniz.",
    submit: "Randevuyu al",
    chooseSlot: "Lütfen bir randevu seçin.",
    booked: "Randevunuz alındı.",
    item: "{{when}} · {{kind}}",
    cancel: "Randevuyu iptal et",
    cancelled: "Randevu iptal edildi.",
    taken: "Bu randevuyu az önce başka biri aldı. Lütfen başka bir randevu seçin.",
    past: "Bu randevu başladı bile. Lütfen başka bir randevu seçin.",
    unavailable: "Bu randevu artık mevcut değil. Lütfen başka bir randevu seçin.",
    failed: "Bu işlem olmadı (hata: {{code}}). Lütfen tekrar deneyin.",
    back: "Danışmanlığa geri dön",
  },
};

export const arAppointments: Part = {
  clientAppointments: {
    section: "المواعيد",
    none: "ليس لديك موعد حاليًا.",
    book: "حجز موعد",
    title: "حجز موعد",
    lead: "اختر كيف ومتى تريد التحدث مع مستشارك أو مستشارتك. ترى المواعيد المتاحة خلال الأيام الأربعة عشر القادمة.",
    privacy: "يُحفظ فقط وقت الموعد ونوعه، وليس موضوعه.",
    timeZone: "جميع الأوقات بتوقيت ألمانيا (برلين).",
    kindLegend: "كيف تريد أن تتحدث؟",
    kind: { video: "مكالمة فيديو", phone: "هاتفيًا", on_site: "حضوريًا" },
    slotLegend: "المواعيد المتاحة",
    noSlots: "لا توجد مواعيد متاحة حاليًا. يمكنك كتابة رسالة إلى مستشارك أو مستشارتك.",
    notBookable: "يمكنك حجز موعد بمجرد أن يتولى مستشار أو مستشارة طلبك.",
    submit: "احجز الموعد",
    chooseSlot: "يرجى اختيار موعد.",
    booked: "تم حجز موعدك.",
    item: "{{when}} · {{kind}}",
    cancel: "إلغاء الموعد",
    cancelled: "تم إلغاء الموعد.",
    taken: "حجز شخص آخر هذا الموعد للتو. يرجى اختيار موعد آخر.",
    past: "لقد بدأ هذا الموعد بالفعل. يرجى اختيار موعد آخر.",
    unavailable: "هذا الموعد لم يعد متاحًا. يرجى اختيار موعد آخر.",
    failed: "لم تنجح العملية (الخطأ: {{code}}). يرجى المحاولة مرة أخرى.",
    back: "العودة إلى الاستشارة",
  },
};

export const faAppointments: Part = {
  clientAppointments: {
    section: "قرارها",
    none: "در حال حاضر قراری ندارید.",
    book: "گرفتن وقت ملاقات",
    title: "گرفتن وقت ملاقات",
    lead: "انتخاب کنید که چگونه و چه زمانی می‌خواهید با مشاور خود صحبت کنید. وقت‌های آزاد ۱۴ روز آینده را می‌بینید.",
    privacy: "فقط زمان و نوع قرار ذخیره می‌شود، نه موضوع آن.",
    timeZone: "همه زمان‌ها به وقت آلمان (برلین) است.",
    kindLegend: "چگونه می‌خواهید صحبت کنید؟",
    kind: { video: "تصویری", phone: "تلفنی", on_site: "حضوری" },
    slotLegend: "وقت‌های آزاد",
    noSlots: "در حال حاضر وقت آزادی وجود ندارد. می‌توانید برای مشاور خود پیام بنویسید.",
    notBookable: "به محض اینکه یک مشاور درخواست شما را بپذیرد، می‌توانید وقت بگیرید.",
    submit: "رزرو وقت",
    chooseSlot: "لطفاً یک وقت انتخاب کنید.",
    booked: "وقت شما رزرو شد.",
    item: "{{when}} · {{kind}}",
    cancel: "لغو قرار",
    cancelled: "قرار لغو شد.",
    taken: "شخص دیگری همین الان این وقت را رزرو کرد. لطفاً وقت دیگری انتخاب کنید.",
    past: "این وقت قبلاً شروع شده است. لطفاً وقت دیگری انتخاب کنید.",
    unavailable: "این وقت دیگر در دسترس نیست. لطفاً وقت دیگری انتخاب کنید.",
    failed: "انجام نشد (خطا: {{code}}). لطفاً دوباره تلاش کنید.",
    back: "بازگشت به مشاوره",
  },
};

export const ukAppointments: Part = {
  clientAppointments: {
    section: "Зустрічі",
    none: "Зараз у вас немає зустрічі.",
    book: "Записатися на зустріч",
    title: "Записатися на зустріч",
    lead: "Оберіть, як і коли ви хочете поговорити зі своїм консультантом або своєю консультанткою. Ви бачите вільні терміни на найближчі 14 днів.",
    privacy: "Зберігаються лише час і вид зустрічі, а не її тема.",
    timeZone: "Увесь час указано за німецьким часом (Берлін).",
    kindLegend: "Як ви хочете поговорити?",
    kind: { video: "Відеозв’язок", phone: "Телефоном", on_site: "Особисто" },
    slotLegend: "Вільні терміни",
    noSlots:
      "Зараз немає вільних термінів. Ви можете написати повідомлення своєму консультанту або своїй консультантці.",
    notBookable: "Ви зможете записатися на зустріч, щойно консультант або консультантка візьме ваш запит.",
    submit: "Записатися",
    chooseSlot: "Будь ласка, оберіть термін.",
    booked: "Вас записано на зустріч.",
    item: "{{when}} · {{kind}}",
    cancel: "Скасувати зустріч",
    cancelled: "Зустріч скасовано.",
    taken: "Цей термін щойно зайняв хтось інший. Будь ласка, оберіть інший.",
    past: "Цей термін уже почався. Будь ласка, оберіть інший.",
    unavailable: "Цього терміну більше немає. Будь ласка, оберіть інший.",
    failed: "Не вдалося (помилка: {{code}}). Будь ласка, спробуйте ще раз.",
    back: "Назад до консультації",
  },
};

export const ruAppointments: Part = {
  clientAppointments: {
    section: "Встречи",
    none: "Сейчас у вас нет встречи.",
    book: "Записаться на встречу",
    title: "Записаться на встречу",
    lead: "Выберите, как и когда вы хотите поговорить со своим консультантом или своей консультанткой. Вы видите свободное время на ближайшие 14 дней.",
    privacy: "Сохраняются только время и вид встречи, но не её тема.",
    timeZone: "Всё время указано по немецкому времени (Берлин).",
    kindLegend: "Как вы хотите поговорить?",
    kind: { video: "По видеосвязи", phone: "По телефону", on_site: "Лично" },
    slotLegend: "Свободное время",
    noSlots: "Сейчас нет свободного времени. Вы можете написать сообщение своему консультанту или своей консультантке.",
    notBookable: "Вы сможете записаться на встречу, как только консультант или консультантка возьмёт ваш запрос.",
    submit: "Записаться",
    chooseSlot: "Пожалуйста, выберите время.",
    booked: "Вы записаны на встречу.",
    item: "{{when}} · {{kind}}",
    cancel: "Отменить встречу",
    cancelled: "Встреча отменена.",
    taken: "Это время только что занял кто-то другой. Пожалуйста, выберите другое.",
    past: "Это время уже наступило. Пожалуйста, выберите другое.",
    unavailable: "Этого времени больше нет. Пожалуйста, выберите другое.",
    failed: "Не получилось (ошибка: {{code}}). Пожалуйста, попробуйте ещё раз.",
    back: "Назад к консультации",
  },
};
